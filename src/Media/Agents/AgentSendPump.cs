using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using Telepath.Media.Rtp.Engine;

namespace Telepath.Media.Agents;

/// <summary>
/// Writes an agent connection's queued messages to its WebSocket, one send at a time and in queue order, on the
/// thread that queued them whenever no send is under way.
/// </summary>
/// <remarks>
/// <para>Why inline: a caller frame arrives on an RTP receive thread, and a dedicated send loop meant waking a second
/// thread for every frame. On a loaded 2-core machine that wake-up was the largest part of the carrier → agent
/// time (p50 0.5–1.2 ms against 0.06 ms for the rest), and one work item per frame more for the thread pool. A
/// WebSocket write to a healthy agent completes synchronously (it lands in the kernel's socket buffer), so the queuing
/// thread does it at once. Only a write that cannot complete at once (the agent reads slower than we send, and TCP
/// pushes back) continues asynchronously on the thread pool, and while it is pending every later message just
/// queues behind it; the queue is bounded, so a stalled agent costs dropped and counted frames, never a blocked
/// receive thread.</para>
/// <para>Except on the engine's pacing thread (<see cref="SharedMediaThread"/>): it serves every call, and one thread
/// writing every call's frames fell seconds behind at 500 calls, so there the drain is handed to the thread pool, as a
/// dedicated send loop would have been woken. The epoll media threads write inline: each serves a core's share.</para>
/// <para>Ownership: whoever wins <see cref="_owner"/> drains the queue; after releasing it the owner checks the queue
/// again, so a message queued between its last read and the release is never left behind.</para>
/// <para>Sends pass no cancellation token: ManagedWebSocket takes its allocation-free, synchronous path only for
/// an uncancellable send. A send stuck on a dead peer is ended by <see cref="Abort"/> instead.</para>
/// </remarks>
internal sealed class AgentSendPump : IThreadPoolWorkItem
{
    private const int Free = 0;
    private const int Owned = 1;

    private readonly WebSocket _socket;
    private readonly Channel<OutgoingMessage> _queue;
    private readonly LatencyHistogram _callerAudioLatency;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Owned until Start: messages queued before the connection starts (its session set-up) wait for it, and a
    // connection that is never started (benchmarks) never writes to its socket.
    private int _owner = Owned;
    private int _started;
    private Exception? _failure;

    /// <summary>Creates the pump over an open socket.</summary>
    /// <param name="socket">The agent's WebSocket.</param>
    /// <param name="capacity">Messages that may wait; more are refused.</param>
    /// <param name="callerAudioLatency">Where caller audio's arrival → handed-to-the-socket time is recorded.</param>
    /// <param name="time">The clock the arrival stamps come from.</param>
    public AgentSendPump(WebSocket socket, int capacity, LatencyHistogram callerAudioLatency, TimeProvider time)
    {
        _socket = socket;
        _callerAudioLatency = callerAudioLatency;
        _time = time;
        _queue = Channel.CreateBounded<OutgoingMessage>(new BoundedChannelOptions(capacity)
        {
            SingleReader = false,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Gets the exception that stopped sending, if any (diagnostics and tests).</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    /// <summary>Starts sending: what was queued so far goes out now, on the calling thread.</summary>
    public void Start()
    {
        Volatile.Write(ref _started, 1);
        Release();
        Pump();
    }

    /// <summary>Queues a message and, when no send is under way, sends it before returning.</summary>
    /// <returns>False when the queue is full or completed; the caller still owns the message's buffer.</returns>
    public bool TryQueue(OutgoingMessage message)
    {
        if (!_queue.Writer.TryWrite(message))
        {
            return false;
        }

        Pump();
        return true;
    }

    /// <summary>Takes the next queued message without sending it (benchmarks drive a pump that was never started).</summary>
    public bool TryTake(out OutgoingMessage message) => _queue.Reader.TryRead(out message);

    /// <summary>Refuses further messages and waits until everything already queued was handed to the socket.</summary>
    /// <returns>False when that did not happen within <paramref name="timeout"/>.</returns>
    public async Task<bool> CompleteAsync(TimeSpan timeout)
    {
        _queue.Writer.TryComplete();
        if (Volatile.Read(ref _started) == 0)
        {
            // Never started: nothing may reach the socket; the queued buffers go back to the pool.
            while (_queue.Reader.TryRead(out OutgoingMessage left))
            {
                ArrayPool<byte>.Shared.Return(left.Buffer);
            }

            return true;
        }

        Pump();
        if (IsDrained)
        {
            return true;
        }

        try
        {
            await _drained.Task.WaitAsync(timeout, _time).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Ends a send the peer never takes (the socket is being torn down) and drops what is still queued.</summary>
    public void Abort()
    {
        _queue.Writer.TryComplete();
        _socket.Abort();
        if (Volatile.Read(ref _owner) == Free)
        {
            Pump();
        }
    }

    private bool IsDrained => Volatile.Read(ref _owner) == Free && _queue.Reader.Completion.IsCompleted;

    private void Pump()
    {
        while (Interlocked.CompareExchange(ref _owner, Owned, Free) == Free)
        {
            if (SharedMediaThread.IsCurrent)
            {
                // Ownership passes to the work item, which drains as any other thread would.
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                return;
            }

            if (!TryDrainInline())
            {
                // A send is pending: the asynchronous tail owns the pump now and releases it when done.
                return;
            }

            Release();
            if (!_queue.Reader.TryPeek(out _))
            {
                return;
            }
        }
    }

    /// <summary>Drains on a pool thread for a message queued on a shared engine thread; owns the pump on entry.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        if (TryDrainInline())
        {
            Release();
            Pump();
        }
    }

    /// <summary>Sends while sends complete at once; false when one is pending and <see cref="DrainAsync"/> took over.</summary>
    private bool TryDrainInline()
    {
        while (_queue.Reader.TryRead(out OutgoingMessage message))
        {
            ValueTask send;
            try
            {
                send = Send(message);
            }
            catch (Exception ex) when (IsSocketFailure(ex))
            {
                Fail(ex, message);
                continue;
            }

            if (!send.IsCompleted)
            {
                _ = DrainAsync(send, message);
                return false;
            }

            Finish(send, message);
        }

        return true;
    }

    private async Task DrainAsync(ValueTask pending, OutgoingMessage message)
    {
        try
        {
            await pending.ConfigureAwait(false);
            Sent(message);
        }
        catch (Exception ex) when (IsSocketFailure(ex))
        {
            Fail(ex, message);
        }

        // Continue draining here: we are on a pool thread already, and the queue may have grown while we waited.
        while (_queue.Reader.TryRead(out message))
        {
            try
            {
                await Send(message).ConfigureAwait(false);
                Sent(message);
            }
            catch (Exception ex) when (IsSocketFailure(ex))
            {
                Fail(ex, message);
            }
        }

        Release();
        Pump();
    }

    private ValueTask Send(OutgoingMessage message)
    {
        if (Failure is not null)
        {
            // The socket is broken: the receive loop reports it; what is still queued is dropped.
            return ValueTask.CompletedTask;
        }

        return _socket.SendAsync(message.Buffer.AsMemory(0, message.Length), WebSocketMessageType.Text, true, CancellationToken.None);
    }

    private void Finish(ValueTask send, OutgoingMessage message)
    {
        try
        {
            send.GetAwaiter().GetResult();
            Sent(message);
        }
        catch (Exception ex) when (IsSocketFailure(ex))
        {
            Fail(ex, message);
        }
    }

    private void Sent(OutgoingMessage message)
    {
        if (message.HeldSince != 0 && Failure is null)
        {
            // The wait in this queue is ours too: under load it is most of the carrier → agent time.
            _callerAudioLatency.RecordElapsed(message.HeldSince, _time.GetTimestamp());
        }

        ArrayPool<byte>.Shared.Return(message.Buffer);
    }

    private void Fail(Exception ex, OutgoingMessage message)
    {
        Interlocked.CompareExchange(ref _failure, ex, null);
        ArrayPool<byte>.Shared.Return(message.Buffer);
    }

    private void Release()
    {
        Volatile.Write(ref _owner, Free);
        if (_queue.Reader.Completion.IsCompleted)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>
    /// Any failure of a send ends sending: the pump must never be left owned by a send that threw, or every later
    /// message would wait behind it. The receive loop sees the broken socket and reports it to the bridge.
    /// </summary>
    private static bool IsSocketFailure(Exception ex) => ex is not OutOfMemoryException;
}
