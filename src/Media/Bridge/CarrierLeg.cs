using Telepath.Media.Agents;
using Telepath.Media.Rtp;
using Telepath.Media.Rtp.Engine;

namespace Telepath.Media.Bridge;

/// <summary>
/// The carrier side of a call as the RTP engine sees it: caller audio goes straight from the engine's receive
/// callback into <see cref="IAgentConnection.SendAudio"/> (no mailbox, no task, no allocation per frame), RFC 4733
/// digits to <see cref="IAgentConnection.SendDtmf"/>, and every paced frame of agent audio that left for the caller
/// is reported with <see cref="IAgentConnection.MarkPlayed"/> as it leaves, so barge-in truncation is exact.
/// </summary>
/// <remarks>
/// Threads: <see cref="OnAudio"/>, <see cref="OnDtmf"/> and <see cref="OnTimeout"/> run on engine receive/timer
/// threads, <see cref="OnAudioSent"/> on the pacing thread or inside the agent loop's EnqueueAudio, the rest on the
/// session's agent loop. Shared fields are
/// single-writer and read with <see cref="Volatile"/>.
/// </remarks>
internal sealed class CarrierLeg : IRtpStreamConsumer
{
    private const int MaxFrameBytes = 480;

    private readonly IAgentConnection _agent;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource _timedOut = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _carrierFormat;
    private int _forwarding = 1;
    private long _firstAudioTimestamp;
    private long _lastSentTimestamp;
    private long _playedBytes;
    private long _queuedBytes;

    /// <summary>Creates the leg for a connected agent.</summary>
    /// <param name="agent">The call's agent connection.</param>
    /// <param name="agentFormat">The codec the agent exchanges audio in (the carrier codec at connect time).</param>
    /// <param name="time">The clock.</param>
    public CarrierLeg(IAgentConnection agent, AgentAudioFormat agentFormat, TimeProvider time)
    {
        _agent = agent;
        _time = time;
        AgentFormat = agentFormat;
        _carrierFormat = (int)agentFormat;
    }

    /// <summary>Gets the codec the agent connection exchanges audio in (fixed for the call).</summary>
    public AgentAudioFormat AgentFormat { get; }

    /// <summary>Gets or sets the carrier's codec now in force (a re-INVITE may change it).</summary>
    public AgentAudioFormat CarrierFormat
    {
        get => (AgentAudioFormat)Volatile.Read(ref _carrierFormat);
        set => Volatile.Write(ref _carrierFormat, (int)value);
    }

    /// <summary>Gets or sets a value indicating whether audio flows (false while the carrier holds the call).</summary>
    public bool Forwarding
    {
        get => Volatile.Read(ref _forwarding) != 0;
        set => Volatile.Write(ref _forwarding, value ? 1 : 0);
    }

    /// <summary>Gets a task completing when the engine reported a media timeout.</summary>
    public Task TimedOut => _timedOut.Task;

    /// <summary>Gets the timestamp of the first caller audio frame, or 0 before one arrived.</summary>
    public long FirstAudioTimestamp => Volatile.Read(ref _firstAudioTimestamp);

    /// <summary>Gets the timestamp of the last agent frame sent to the caller, or 0 before one.</summary>
    public long LastSentTimestamp => Volatile.Read(ref _lastSentTimestamp);

    /// <summary>Gets the agent audio bytes sent to the caller so far.</summary>
    public long PlayedBytes => Volatile.Read(ref _playedBytes);

    /// <summary>Gets the agent audio bytes queued for the caller and not yet sent (agent loop only).</summary>
    public long PendingBytes => _queuedBytes - PlayedBytes;

    /// <inheritdoc />
    public void OnAudio(ReadOnlySpan<byte> payload, uint timestamp, int lostBefore, long arrival)
    {
        if (Volatile.Read(ref _firstAudioTimestamp) == 0)
        {
            Volatile.Write(ref _firstAudioTimestamp, _time.GetTimestamp());
        }

        if (Volatile.Read(ref _forwarding) == 0)
        {
            return;
        }

        var carrier = (AgentAudioFormat)Volatile.Read(ref _carrierFormat);
        if (carrier == AgentFormat)
        {
            _agent.SendAudio(payload, arrival);
            return;
        }

        if (payload.Length > MaxFrameBytes)
        {
            return;
        }

        // The carrier switched codec mid-call (re-INVITE): the agent keeps the one it was set up with.
        Span<byte> converted = stackalloc byte[payload.Length];
        AudioTranscoder.Convert(payload, carrier, converted, AgentFormat);
        _agent.SendAudio(converted, arrival);
    }

    /// <inheritdoc />
    public void OnDtmf(DtmfEvent dtmf) => _agent.SendDtmf(dtmf.Digit);

    /// <inheritdoc />
    public void OnTimeout() => _timedOut.TrySetResult();

    /// <inheritdoc />
    public void OnAudioSent(int byteCount)
    {
        Volatile.Write(ref _lastSentTimestamp, _time.GetTimestamp());
        Interlocked.Add(ref _playedBytes, byteCount);
        _agent.MarkPlayed(byteCount);
    }

    /// <summary>Counts agent audio accepted by the pacer (agent loop only).</summary>
    public void AddQueued(int byteCount) => _queuedBytes += byteCount;

    /// <summary>
    /// After a flush: forgets unsent audio and returns how much there was. The pacer reports sent frames under the
    /// same lock its flush takes, so once the flush returned every frame sent before it has been counted.
    /// </summary>
    public long ForgetPending()
    {
        long played = PlayedBytes;
        long pending = _queuedBytes - played;
        _queuedBytes = played;
        return pending;
    }
}
