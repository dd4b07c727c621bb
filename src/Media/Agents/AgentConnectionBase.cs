using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Telepath.Media.Edge;
using Telepath.Media.Rtp.Engine;

namespace Telepath.Media.Agents;

/// <summary>
/// The WebSocket plumbing every adapter shares: one receive loop per connection (no task per message), one
/// <see cref="AgentSendPump"/> writing a bounded queue of pooled messages (one send at a time, on the queuing thread
/// when the socket takes it at once), the event channel, and a single shutdown path
/// that turns every failure into a final <see cref="AgentEventKind.Error"/> or <see cref="AgentEventKind.Hangup"/>
/// event and a close frame, so no exception ever reaches the bridge.
/// </summary>
internal abstract class AgentConnectionBase : IAgentConnection, IThreadPoolWorkItem
{
    private const int InitialReceiveBuffer = 16 * 1024;

    /// <summary>The connection whose agent message this thread is handling now (the receive loop), if any.</summary>
    [ThreadStatic]
    private static AgentConnectionBase? t_handling;

    private readonly WebSocket _socket;
    private readonly AgentOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Channel<AgentEvent> _events;
    private readonly AgentSendPump _outgoing;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly LatencyHistogram _callerAudioLatency;
    private readonly ConcurrentQueue<AgentEvent> _eventsFromOtherThreads = new();
    private Task _receiveLoop = Task.CompletedTask;
    private int _finished;
    private long _unknownEvents;
    private long _droppedFrames;
    private long _droppedChunks;
    private int _otherThreadEventsScheduled;

    /// <summary>Initializes a new instance of the <see cref="AgentConnectionBase"/> class over an open socket.</summary>
    protected AgentConnectionBase(WebSocket socket, AgentCallContext context, AgentOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _socket = socket;
        _options = options;
        _timeProvider = timeProvider;
        Context = context;
        Logger = logger;
        _callerAudioLatency = new LatencyHistogram(timeProvider.TimestampFrequency);
        // Synchronous continuations: an event the receive loop publishes runs the bridge's agent loop on that same
        // thread when it is waiting, so agent audio reaches the pacer without a second thread being woken (see Emit).
        _events = Channel.CreateUnbounded<AgentEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = true });
        _outgoing = new AgentSendPump(socket, options.SendQueueCapacity, _callerAudioLatency, timeProvider);
    }

    /// <inheritdoc />
    public abstract AgentProvider Provider { get; }

    /// <inheritdoc />
    public abstract AgentAudioFormat NativeFormat { get; }

    /// <inheritdoc />
    public bool Transcodes => NativeFormat != Context.CarrierCodec;

    /// <inheritdoc />
    public ChannelReader<AgentEvent> Events => _events.Reader;

    /// <summary>Gets the number of provider messages of unknown type that were ignored.</summary>
    public long UnknownEventCount => Interlocked.Read(ref _unknownEvents);

    /// <summary>Gets the number of caller frames dropped because the send queue was full or closed.</summary>
    public long DroppedFrameCount => Interlocked.Read(ref _droppedFrames);

    /// <summary>Gets the number of agent audio chunks dropped (stale after a barge-in, or over the buffer cap).</summary>
    public long DroppedChunkCount => Interlocked.Read(ref _droppedChunks);

    /// <summary>Gets the exception that stopped sending, if any (diagnostics and tests).</summary>
    public Exception? SendFailure => _outgoing.Failure;

    /// <summary>Gets the WebSocket state (diagnostics and tests).</summary>
    public WebSocketState SocketState => _socket.State;

    /// <summary>Gets the call this connection serves.</summary>
    protected AgentCallContext Context { get; }

    /// <summary>Gets the logger.</summary>
    protected ILogger Logger { get; }

    /// <summary>Gets the writer for outgoing messages; hold its <see cref="JsonMessageWriter.SyncRoot"/> while writing.</summary>
    protected JsonMessageWriter Json { get; } = new();

    /// <summary>Gets a value indicating whether the connection has shut down.</summary>
    protected bool IsFinished => Volatile.Read(ref _finished) != 0;

    /// <inheritdoc />
    public LatencyHistogram CallerAudioLatency => _callerAudioLatency;

    /// <inheritdoc />
    public abstract bool SendAudio(ReadOnlySpan<byte> frame, long heldSince);

    /// <inheritdoc />
    public abstract bool SendDtmf(char digit);

    /// <inheritdoc />
    public virtual void MarkPlayed(int byteCount)
    {
    }

    /// <inheritdoc />
    public async ValueTask CloseAsync(string reason, CancellationToken cancellationToken)
    {
        if (!IsFinished)
        {
            OnClosing();
            await ShutdownAsync(null, WebSocketCloseStatus.NormalClosure, reason).ConfigureAwait(false);
        }

        try
        {
            await _receiveLoop.WaitAsync(_options.CloseTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The agent never answered our close frame; aborting below is the only option left.
        }
        finally
        {
            await _lifetime.CancelAsync().ConfigureAwait(false);
            _outgoing.Abort();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await CloseAsync(DisconnectReasons.CallerHangup, CancellationToken.None).ConfigureAwait(false);
        await _receiveLoop.ConfigureAwait(false);
        _socket.Dispose();
        _lifetime.Dispose();
    }

    /// <summary>Queues the provider's session set-up and starts the send and receive loops.</summary>
    internal void Start()
    {
        OnStarted();
        _outgoing.Start();
        _receiveLoop = ReceiveLoopAsync();
    }

    /// <summary>Queues the messages that open the provider session (called once, before any audio).</summary>
    protected abstract void OnStarted();

    /// <summary>Handles one complete text message from the agent (called by the receive loop; internal for benchmarks).</summary>
    /// <param name="json">The UTF-8 message.</param>
    /// <param name="error">A description of the protocol or fatal provider error when the method returns false.</param>
    /// <returns>False to end the connection with an <see cref="AgentEventKind.Error"/>.</returns>
    protected internal abstract bool TryHandleMessage(ReadOnlySpan<byte> json, out string? error);

    /// <summary>Handles one complete message as the receive loop does (internal for benchmarks).</summary>
    internal bool HandleReceived(ReadOnlySpan<byte> json, out string? error)
    {
        t_handling = this;
        try
        {
            return TryHandleMessage(json, out error);
        }
        finally
        {
            t_handling = null;
        }
    }

    /// <summary>Takes the next queued outgoing message without sending it: lets benchmarks drive the send path of a connection that was never started.</summary>
    /// <returns>False when nothing is queued. The caller returns the message's buffer to the shared pool.</returns>
    internal bool TryTakeOutgoing(out OutgoingMessage message) => _outgoing.TryTake(out message);

    /// <summary>Queues any goodbye message before a local close (custom agents: <c>stop</c>).</summary>
    protected virtual void OnClosing()
    {
    }

    /// <summary>Maps the agent closing the socket to the final event (default: the agent hung up).</summary>
    protected virtual AgentEvent OnRemoteClose(WebSocketCloseStatus? status, string? description) =>
        AgentEvent.WithText(AgentEventKind.Hangup, description ?? string.Empty);

    /// <summary>Queues a message written with <see cref="Json"/>; returns its buffer to the pool when the queue refuses it.</summary>
    protected bool Enqueue(OutgoingMessage message)
    {
        if (_outgoing.TryQueue(message))
        {
            return true;
        }

        ArrayPool<byte>.Shared.Return(message.Buffer);
        return false;
    }

    /// <summary>Gets the clock the connection reads (the same one the bridge reads).</summary>
    protected TimeProvider Time => _timeProvider;

    /// <summary>
    /// Feeds one caller frame (μ-law) to a local VAD and publishes the turn boundary it finds. The frame is handed
    /// over as it arrives, so the speech ended one hangover before now, and that instant is what the event carries.
    /// </summary>
    protected void EmitVoiceActivity(EnergyVad vad, ReadOnlySpan<byte> muLaw)
    {
        switch (vad.Process(muLaw))
        {
            case AgentEventKind.SpeechStopped:
                long now = _timeProvider.GetTimestamp();
                Emit(AgentEvent.SpeechStoppedAt(now - (long)(vad.SilenceBeforeStop.TotalSeconds * _timeProvider.TimestampFrequency)));
                break;
            case AgentEventKind transition:
                Emit(AgentEvent.Of(transition));
                break;
            default:
                break;
        }
    }

    /// <summary>
    /// Publishes an event; an audio buffer refused by a completed channel goes back to the pool.
    /// </summary>
    /// <remarks>
    /// On the receive loop the event is written at once, and the bridge's agent loop, when it is waiting, handles it
    /// inline on this thread: agent audio goes from the socket to the pacer on one thread. Events raised elsewhere
    /// (the local VAD on an RTP receive thread, mark echoes on the pacing thread while it holds the stream's send
    /// lock) must not run the bridge there, where it would re-enter the pacer, so they are handed to the thread pool
    /// in order. They are rare: a few per turn.
    /// </remarks>
    protected void Emit(AgentEvent agentEvent)
    {
        if (t_handling == this)
        {
            Publish(agentEvent);
            return;
        }

        _eventsFromOtherThreads.Enqueue(agentEvent);
        if (Interlocked.Exchange(ref _otherThreadEventsScheduled, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>Publishes the events raised off the receive loop, in the order they were raised.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        // Cleared before draining: an event queued after our last dequeue schedules another pass.
        Volatile.Write(ref _otherThreadEventsScheduled, 0);
        while (_eventsFromOtherThreads.TryDequeue(out AgentEvent agentEvent))
        {
            Publish(agentEvent);
        }
    }

    private void Publish(AgentEvent agentEvent)
    {
        if (!_events.Writer.TryWrite(agentEvent))
        {
            agentEvent.ReturnBuffer();
        }
    }

    /// <summary>Counts a provider message of unknown type (ignored, as the providers' own SDKs do).</summary>
    protected void CountUnknownEvent() => Interlocked.Increment(ref _unknownEvents);

    /// <summary>Counts a dropped caller frame.</summary>
    protected void CountDroppedFrame() => Interlocked.Increment(ref _droppedFrames);

    /// <summary>Queues one caller frame's message; when the queue is full the frame is dropped and counted.</summary>
    /// <param name="message">The frame's message.</param>
    /// <param name="heldSince">When our code got the frame (see <see cref="SendAudio"/>); 0 when not measured.</param>
    protected bool EnqueueFrame(OutgoingMessage message, long heldSince)
    {
        if (Enqueue(message with { HeldSince = heldSince }))
        {
            return true;
        }

        CountDroppedFrame();
        return false;
    }

    /// <summary>Counts a dropped agent audio chunk.</summary>
    protected void CountDroppedChunk() => Interlocked.Increment(ref _droppedChunks);

    private async Task ReceiveLoopAsync()
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialReceiveBuffer, _options.MaxMessageBytes));
        int count = 0;
        AgentEvent? final = null;
        WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure;
        string description = DisconnectReasons.AgentHangup;
        try
        {
            while (true)
            {
                // The pool may hand out more than asked for; the limit, not the buffer, bounds a message.
                int limit = Math.Min(buffer.Length, _options.MaxMessageBytes);
                if (count == limit)
                {
                    if (limit == _options.MaxMessageBytes)
                    {
                        final = AgentEvent.WithText(AgentEventKind.Error, $"message larger than {_options.MaxMessageBytes} bytes");
                        status = WebSocketCloseStatus.MessageTooBig;
                        break;
                    }

                    byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, _options.MaxMessageBytes));
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                limit = Math.Min(buffer.Length, _options.MaxMessageBytes);
                ValueWebSocketReceiveResult result = await _socket.ReceiveAsync(buffer.AsMemory(count, limit - count), _lifetime.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    final = OnRemoteClose(_socket.CloseStatus, _socket.CloseStatusDescription);
                    break;
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    // All three dialects are JSON text; binary frames mean the peer speaks something else.
                    final = AgentEvent.WithText(AgentEventKind.Error, "binary frame where JSON text was expected");
                    status = WebSocketCloseStatus.InvalidMessageType;
                    break;
                }

                count += result.Count;
                if (!result.EndOfMessage)
                {
                    continue;
                }

                bool handled = HandleReceived(buffer.AsSpan(0, count), out string? error);
                count = 0;
                if (!handled)
                {
                    final = AgentEvent.WithText(AgentEventKind.Error, error ?? "protocol error");
                    status = WebSocketCloseStatus.ProtocolError;
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            // Local close: CloseAsync already completed the event stream.
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
        {
            final = AgentEvent.WithText(AgentEventKind.Error, "connection lost: " + ex.Message);
            status = WebSocketCloseStatus.EndpointUnavailable;
        }
#pragma warning disable CA1031 // The bridge must see a bug in an adapter as an Error event, never as a dead receive loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            final = AgentEvent.WithText(AgentEventKind.Error, "adapter failure: " + ex.GetType().Name + ": " + ex.Message);
            status = WebSocketCloseStatus.InternalServerError;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (final is { Kind: AgentEventKind.Error } failure)
        {
            AgentLog.ProtocolError(Logger, Provider, Context.CallId, failure.Text ?? string.Empty);
            description = DisconnectReasons.AgentError;
        }

        await ShutdownAsync(final, status, description).ConfigureAwait(false);
    }

    private async Task ShutdownAsync(AgentEvent? final, WebSocketCloseStatus status, string description)
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0)
        {
            return;
        }

        if (final is { } last)
        {
            _events.Writer.TryWrite(last);
        }

        _events.Writer.TryComplete();
        try
        {
            bool drained = await _outgoing.CompleteAsync(_options.CloseTimeout).ConfigureAwait(false);
            if (drained && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(_options.CloseTimeout, _timeProvider);
                await _socket.CloseOutputAsync(status, description, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Best effort: a peer that cannot take our close frame is already gone.
        }

        AgentLog.Closed(Logger, Provider, Context.CallId, description);
        AgentLog.Summary(Logger, Provider, Context.CallId, UnknownEventCount, DroppedFrameCount, DroppedChunkCount);
    }
}
