using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks.Sources;

namespace Telepath.Media.Rtp.Engine.Epoll;

/// <summary>
/// A TCP connection as a <see cref="Stream"/> whose waiting reads complete on the engine's epoll thread
/// (<see cref="EpollMediaThread"/>), so the reader's continuation (the agent's WebSocket receive loop and the call bridge
/// behind it) runs there, with no thread-pool hand-off per message: the agent → caller twin of reading RTP on that thread.
/// </summary>
/// <remarks>
/// <para>The socket never sees an async .NET operation, so the runtime's own epoll thread never watches it (it would
/// wake once per message for nothing). Connecting is non-blocking too: <c>connect</c>, then the first writable report.
/// Registration is edge-triggered (one report per change), and every read or write attempt and every report is decided
/// under one lock, so a report that arrives between an attempt's <c>EAGAIN</c> and its becoming pending is not lost.</para>
/// <para>Completions run inline only after <see cref="CompleteReadsInline"/> is set: the HTTP upgrade and a TLS
/// handshake stay on the thread pool, off the thread every call's media shares. A write that the socket cannot take
/// at once (the peer reads slowly) finishes on the pool, because its continuation may queue more writes.</para>
/// </remarks>
internal sealed class EpollSocketStream : Stream, IEpollHandler
{
    private const int Interest = EpollNativeMethods.EpollIn | EpollNativeMethods.EpollOut | EpollNativeMethods.EpollReadHangUp
        | EpollNativeMethods.EdgeTriggered;

    private readonly Socket _socket;
    private readonly EpollMediaThread _loop;
    private readonly Lock _gate = new();
    private readonly PendingRead _read;
    private readonly PendingWrite _write;
    private TaskCompletionSource? _connect;
    private int _token = -1;
    private bool _disposed;

    private EpollSocketStream(Socket socket, EpollMediaThread loop)
    {
        _socket = socket;
        _loop = loop;
        _read = new PendingRead(this);
        _write = new PendingWrite(this);
    }

    /// <summary>
    /// Sets whether a waiting read completes on the epoll thread. Set once the connection carries media; until then
    /// completions go to the thread pool.
    /// </summary>
    public bool CompleteReadsInline
    {
        set => _read.RunContinuationsAsynchronously = !value;
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Resolves <paramref name="endpoint"/> and connects to the first address that answers.</summary>
    public static async ValueTask<EpollSocketStream> ConnectAsync(EpollMediaThread loop, DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        IPAddress[] addresses = IPAddress.TryParse(endpoint.Host, out IPAddress? literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        SocketException? failure = null;
        foreach (IPAddress address in addresses)
        {
            var stream = new EpollSocketStream(new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }, loop);
            try
            {
                await stream.ConnectCoreAsync(new IPEndPoint(address, endpoint.Port), cancellationToken).ConfigureAwait(false);
                return stream;
            }
            catch (SocketException exception)
            {
                failure = exception;
                await stream.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        throw failure ?? new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>Takes over a connection a listening socket accepted (a server's side); it must not have seen an async operation.</summary>
    public static EpollSocketStream Accept(Socket accepted, EpollMediaThread loop)
    {
        accepted.NoDelay = true;
        var stream = new EpollSocketStream(accepted, loop);
        try
        {
            stream.Register();
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        return stream;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        return _read.Start(buffer, cancellationToken);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        return _write.Start(buffer, cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
        // Every write goes straight to the socket.
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Called by the epoll thread: finishes a connect, a waiting read or a waiting write.</summary>
    public void OnEpollEvents(int events)
    {
        Volatile.Read(ref _connect)?.TrySetResult();
        if ((events & (EpollNativeMethods.EpollIn | EpollNativeMethods.EpollError | EpollNativeMethods.EpollHangUp | EpollNativeMethods.EpollReadHangUp)) != 0)
        {
            _read.Continue();
        }

        if ((events & (EpollNativeMethods.EpollOut | EpollNativeMethods.EpollError | EpollNativeMethods.EpollHangUp)) != 0)
        {
            _write.Continue();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
            }

            _loop.Unregister(_socket, _token);
            _connect?.TrySetException(new ObjectDisposedException(nameof(EpollSocketStream)));
            _read.Abandon();
            _write.Abandon();
            _socket.Dispose();
        }

        base.Dispose(disposing);
    }

    private async ValueTask ConnectCoreAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _connect, connected);
        Register();
        try
        {
            _socket.Connect(endpoint);
            connected.TrySetResult();
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            // Non-blocking: the connection completes (or fails) with the first writable report.
        }

        await connected.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _connect, null);
        var error = (SocketError)(int)_socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
        if (error != SocketError.Success)
        {
            throw new SocketException((int)error);
        }
    }

    /// <summary>Adds the socket to the media thread's epoll set (before connecting: the connect completes with a report).</summary>
    private void Register()
    {
        _token = _loop.Register(_socket, this, Interest);
        if (_token < 0)
        {
            throw new SocketException((int)SocketError.SocketError);
        }
    }

    /// <summary>The read half: takes what the socket has at once, or waits for a readable report.</summary>
    private sealed class PendingRead(EpollSocketStream owner) : EpollPendingOperation<int>(owner._gate), IValueTaskSource<int>
    {
        private readonly byte[] _peek = new byte[1];
        private Memory<byte> _buffer;

        // A recv that returned less than was asked for emptied the socket's queue, and with edge-triggered epoll any
        // byte queued after that brings a fresh report. Until one comes, a recv can only fail with EAGAIN, which is one
        // wasted system call per agent message (the reader asks again as soon as it has handled a message).
        private bool _drained;

        public ValueTask<int> Start(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            lock (owner._gate)
            {
                ObjectDisposedException.ThrowIf(owner._disposed, owner);
                ThrowIfWaiting("read");
                if (!_drained)
                {
                    int read = TryReceive(buffer.Span, out SocketError error);
                    if (error == SocketError.Success)
                    {
                        return ValueTask.FromResult(read);
                    }

                    if (error != SocketError.WouldBlock)
                    {
                        return ValueTask.FromException<int>(Failure(error));
                    }
                }

                _buffer = buffer;
                return new ValueTask<int>(this, BeginWaiting(cancellationToken));
            }
        }

        public int GetResult(short token) => Result(token);

        protected override bool TryProgress(out int result, out SocketError error)
        {
            result = TryReceive(_buffer.Span, out error);
            return error != SocketError.WouldBlock;
        }

        protected override void Forget() => _buffer = default;

        protected override void OnReport() => _drained = false;

        /// <summary>One non-blocking <c>recv</c>. A zero-length buffer waits for data without taking any (as SslStream asks).</summary>
        private int TryReceive(Span<byte> buffer, out SocketError error)
        {
            if (buffer.IsEmpty)
            {
                owner._socket.Receive(_peek, 0, 1, SocketFlags.Peek, out error);
                return 0;
            }

            int read = owner._socket.Receive(buffer, SocketFlags.None, out error);
            if (error != SocketError.Success)
            {
                return 0;
            }

            _drained = read > 0 && read < buffer.Length;
            return read;
        }
    }

    /// <summary>The write half: sends what the socket takes at once and finishes the rest on writable reports.</summary>
    private sealed class PendingWrite(EpollSocketStream owner) : EpollPendingOperation<bool>(owner._gate), IValueTaskSource
    {
        private ReadOnlyMemory<byte> _remaining;

        public ValueTask Start(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
        {
            lock (owner._gate)
            {
                ObjectDisposedException.ThrowIf(owner._disposed, owner);
                ThrowIfWaiting("write");
                SocketError error = SendSome(ref buffer);
                if (buffer.IsEmpty)
                {
                    return ValueTask.CompletedTask;
                }

                if (error != SocketError.WouldBlock)
                {
                    return ValueTask.FromException(Failure(error));
                }

                _remaining = buffer;
                return new ValueTask(this, BeginWaiting(cancellationToken));
            }
        }

        public void GetResult(short token) => Result(token);

        protected override bool TryProgress(out bool result, out SocketError error)
        {
            error = SendSome(ref _remaining);
            result = true;
            return _remaining.IsEmpty || error != SocketError.WouldBlock;
        }

        protected override void Forget() => _remaining = default;

        /// <summary>Sends until the buffer is empty or the socket says stop; <paramref name="buffer"/> keeps what is left.</summary>
        private SocketError SendSome(ref ReadOnlyMemory<byte> buffer)
        {
            while (!buffer.IsEmpty)
            {
                int sent = owner._socket.Send(buffer.Span, SocketFlags.None, out SocketError error);
                if (error != SocketError.Success)
                {
                    return error;
                }

                buffer = buffer[sent..];
            }

            return SocketError.Success;
        }
    }
}
