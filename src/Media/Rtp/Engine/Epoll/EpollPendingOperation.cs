using System.Net.Sockets;
using System.Threading.Tasks.Sources;

namespace Telepath.Media.Rtp.Engine.Epoll;

/// <summary>
/// One direction (read or write) of an <see cref="EpollSocketStream"/> waiting for its socket: at most one operation
/// at a time, finished by whichever comes first under the stream's lock: a readiness report that lets it progress,
/// its cancellation, or the stream's disposal.
/// </summary>
/// <typeparam name="TResult">What the operation completes with.</typeparam>
/// <param name="gate">The stream's lock, held for every attempt and every report.</param>
internal abstract class EpollPendingOperation<TResult>(Lock gate)
{
    private ManualResetValueTaskSourceCore<TResult> _core = new() { RunContinuationsAsynchronously = true };
    private CancellationTokenRegistration _cancellation;
    private bool _pending;

    /// <summary>Sets whether a completion on the epoll thread runs the awaiting code on the thread pool (the default) instead of inline.</summary>
    public bool RunContinuationsAsynchronously
    {
        set
        {
            lock (gate)
            {
                _core.RunContinuationsAsynchronously = value;
            }
        }
    }

    /// <summary>Called on a readiness report: lets a waiting operation progress, and completes it when it is done.</summary>
    public void Continue()
    {
        TResult result;
        SocketError error;
        CancellationTokenRegistration cancellation;
        lock (gate)
        {
            OnReport();
            if (!_pending || !TryProgress(out result, out error))
            {
                return;
            }

            cancellation = Take();
        }

        cancellation.Unregister();
        if (error == SocketError.Success)
        {
            _core.SetResult(result);
        }
        else
        {
            _core.SetException(Failure(error));
        }
    }

    /// <summary>Fails a waiting operation because the stream is being disposed.</summary>
    public void Abandon()
    {
        CancellationTokenRegistration cancellation;
        lock (gate)
        {
            if (!_pending)
            {
                return;
            }

            cancellation = Take();
        }

        cancellation.Unregister();
        _core.SetException(new ObjectDisposedException(nameof(EpollSocketStream)));
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    /// <summary>The error a failed socket call completes an operation with.</summary>
    protected static IOException Failure(SocketError error) =>
        new($"The connection failed: {error}.", new SocketException((int)error));

    /// <summary>
    /// Makes the operation the waiting one (caller holds the lock). Its cancellation is registered under the lock,
    /// which a callback run at once re-enters, so whoever takes the operation always takes this registration.
    /// </summary>
    /// <returns>The version its <see cref="ValueTask"/> carries.</returns>
    protected short BeginWaiting(CancellationToken cancellationToken)
    {
        _core.Reset();
        _pending = true;
        short version = _core.Version;
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(
                static (state, token) => ((EpollPendingOperation<TResult>)state!).Cancel(token), this);
        }

        return version;
    }

    /// <summary>Throws when an operation is already waiting (caller holds the lock): a stream allows one per direction.</summary>
    protected void ThrowIfWaiting(string direction)
    {
        if (_pending)
        {
            throw new InvalidOperationException($"A {direction} is already in progress.");
        }
    }

    /// <summary>Gets the completed operation's result.</summary>
    protected TResult Result(short token) => _core.GetResult(token);

    /// <summary>Moves the waiting operation on (caller holds the lock).</summary>
    /// <returns>False while the socket still says "try again"; true with the result or the error once it is done.</returns>
    protected abstract bool TryProgress(out TResult result, out SocketError error);

    /// <summary>Drops the waiting operation's buffer (caller holds the lock).</summary>
    protected abstract void Forget();

    /// <summary>Called under the lock for every readiness report, waiting or not, before any progress is tried.</summary>
    protected virtual void OnReport()
    {
    }

    private void Cancel(CancellationToken token)
    {
        lock (gate)
        {
            if (!_pending)
            {
                return;
            }

            Take();
        }

        _core.SetException(new OperationCanceledException(token));
    }

    /// <summary>Ends the waiting operation's bookkeeping (caller holds the lock); its cancellation is unregistered outside it.</summary>
    private CancellationTokenRegistration Take()
    {
        CancellationTokenRegistration cancellation = _cancellation;
        _cancellation = default;
        _pending = false;
        Forget();
        return cancellation;
    }
}
