using Microsoft.Extensions.Logging;
using Telepath.Media.Agents;
using Telepath.Media.Edge;
using Telepath.Media.Rtp;
using Telepath.Media.Rtp.Engine;
using Telepath.Media.Sdp;
using Telepath.Media.Sip.UserAgent;

namespace Telepath.Media.Bridge;

/// <summary>
/// One call bridged to its trunk's AI agent: one dialog (<see cref="IncomingCall"/>), one RTP stream, one agent
/// connection. Created per call by <see cref="BridgeCallHandler"/>; <see cref="RunAsync"/> returns when the call is over
/// and everything it opened is closed.
/// </summary>
/// <remarks>
/// <para>Who owns which thread: caller audio never leaves the RTP engine's receive callback (<see cref="CarrierLeg"/>
/// writes it to the agent's socket); agent audio is moved by one agent loop (<c>PumpAgentAsync</c>), which runs on
/// the adapter's receive loop whenever it was waiting for the event (no thread hand-off), into the stream's pacer,
/// which the engine's single pacing thread sends on time; dialog signals (hold, re-INVITE, INFO DTMF, termination)
/// are read by one signal loop; a checkpoint loop reports progress. <see cref="RunAsync"/>
/// waits for the first of: dialog ended, agent ended, media timeout, and then tears down in one place.</para>
/// <para>Answer policy: the 200 OK goes out only once the agent's WebSocket is open (180 Ringing meanwhile). Answering
/// first would bill the caller and the trunk for a call nobody may serve and give the caller dead air while the agent
/// connects; an unreachable agent becomes a clean 480 with <c>agent_unreachable</c> instead of a connected call that
/// hangs up. The cost is that setup time (INVITE → 200 OK) includes the agent connect, which the call record shows.</para>
/// </remarks>
internal sealed partial class CallSession
{
    /// <summary>
    /// RFC 3261 §21.4.18: 480 Temporarily Unavailable — the callee (the agent) cannot be reached now. Not 503, which
    /// tells carriers this gateway is down and makes them fail over or blacklist it for every trunk.
    /// </summary>
    private const int AgentUnavailableStatus = 480;

    private const int ForbiddenStatus = 403;
    private const int ServiceUnavailableStatus = 503;
    private const int MaxPortMoves = 4;

    private readonly IncomingCall _call;
    private readonly ITrunkDirectory _directory;
    private readonly IAgentConnector _connector;
    private readonly RtpEngine _engine;
    private readonly ICallEvents _events;
    private readonly BridgeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CallMetricsRecorder _recorder;
    private readonly LatencyHistogram _agentHandoff;
    private readonly LatencyHistogram _retiredLatency;
    private readonly PlayoutBacklog _backlog;
    private IAgentConnection _agent = null!;
    private CarrierLeg _leg = null!;
    private RtpStream? _stream;
    private long _answeredTimestamp;

    /// <summary>Creates the session for one offered call.</summary>
    public CallSession(
        IncomingCall call,
        ITrunkDirectory directory,
        IAgentConnector connector,
        RtpEngine engine,
        ICallEvents events,
        BridgeOptions options,
        TimeProvider time,
        ILogger logger)
    {
        _call = call;
        _directory = directory;
        _connector = connector;
        _engine = engine;
        _events = events;
        _options = options;
        _time = time;
        _logger = logger;
        _recorder = new CallMetricsRecorder(time);
        _agentHandoff = new LatencyHistogram(time.TimestampFrequency);
        _retiredLatency = new LatencyHistogram(time.TimestampFrequency);
        _backlog = new PlayoutBacklog((long)(options.MaxPlayoutBacklog.TotalMilliseconds * 8));
    }

    private string CallId => _call.CallId!;

    private RtpStream Stream => Volatile.Read(ref _stream)!;

    /// <summary>Serves the call from offer to hang-up and returns its unreported turns and final metrics.</summary>
    /// <param name="cancellationToken">Cancelled when the dialog ends (the UAS's call token).</param>
    public async Task<CallSummary> RunAsync(CancellationToken cancellationToken)
    {
        if (_call.Trunk is not TrunkIdentity trunk || _call.Audio is not NegotiatedAudio audio || _call.RtpPorts is not RtpPortPair ports || _call.CallId is null)
        {
            throw new InvalidOperationException("The UAS hands over only admitted, negotiated calls.");
        }

        using IDisposable? scope = _logger.BeginScope(new KeyValuePair<string, object>[] { new("CallId", CallId) });
        AgentSettings? settings = await _directory.GetAgentSettingsAsync(trunk.TrunkId, cancellationToken).ConfigureAwait(false);
        if (settings is null)
        {
            // The trunk vanished between admission and now; refuse like the UAS refuses a deleted trunk.
            await _call.RejectAsync(ForbiddenStatus, DisconnectReasons.TrunkDeleted, cancellationToken).ConfigureAwait(false);
            return CallSummary.Empty;
        }

        await _call.RingAsync(cancellationToken).ConfigureAwait(false);
        AgentAudioFormat carrierFormat = G711Formats.FromCodec(audio.Codec);
        IAgentConnection? agent = await ConnectAsync(settings, carrierFormat, cancellationToken).ConfigureAwait(false);
        if (agent is null)
        {
            return CallSummary.Empty;
        }

        _agent = agent;
        _leg = new CarrierLeg(agent, carrierFormat, _time);
        try
        {
            if (!TryOpenStream(ports, audio, out RtpStream? stream))
            {
                await _call.RejectAsync(ServiceUnavailableStatus, DisconnectReasons.NetworkError, CancellationToken.None).ConfigureAwait(false);
                await agent.CloseAsync(DisconnectReasons.NetworkError, CancellationToken.None).ConfigureAwait(false);
                return CallSummary.Empty;
            }

            Volatile.Write(ref _stream, stream);
            _leg.Forwarding = !audio.IsRemoteHold;
            if (!await _call.AnswerAsync(cancellationToken).ConfigureAwait(false))
            {
                // CANCEL (or a drain) won the race against the agent connect.
                await agent.CloseAsync(DisconnectReasons.Cancelled, CancellationToken.None).ConfigureAwait(false);
                return CallSummary.Empty;
            }

            _answeredTimestamp = _time.GetTimestamp();
            await ReportAgentAsync(trunk.TrunkId, connected: true, null).ConfigureAwait(false);
            string reason = await BridgeAsync().ConfigureAwait(false);
            await ReportAgentAsync(trunk.TrunkId, connected: false, reason).ConfigureAwait(false);
            return Summarize();
        }
        finally
        {
            Volatile.Read(ref _stream)?.Dispose();
            _backlog.Clear();
            await agent.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Opens the call's RTP stream on its leased ports; when another process holds one of them, the call moves to a
    /// fresh pair (its SDP is not sent yet) a few times before giving up.
    /// </summary>
    private bool TryOpenStream(RtpPortPair ports, NegotiatedAudio audio, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RtpStream? stream)
    {
        for (int attempt = 0; attempt < MaxPortMoves; attempt++)
        {
            if (_engine.TryOpenStream(ports, SettingsFor(audio), _leg, out stream))
            {
                return true;
            }

            LogStreamFailed(_logger, CallId, ports.Rtp);
            if (!_call.TryMoveMedia(out ports))
            {
                break;
            }
        }

        stream = null;
        return false;
    }

    /// <summary>Maps the negotiated audio to the stream settings (codec PT, RFC 4733 PT, SDP remote address, the peer's ptime).</summary>
    internal static RtpStreamSettings SettingsFor(NegotiatedAudio audio)
    {
        AgentAudioFormat format = G711Formats.FromCodec(audio.Codec);
        return new RtpStreamSettings(
            (byte)audio.Codec.PayloadType,
            audio.TelephoneEventPayloadType is int te ? (byte)te : null,
            audio.RemoteRtp.Address.Equals(System.Net.IPAddress.Any) ? null : audio.RemoteRtp,
            audio.Codec.ClockRate,
            audio.Codec.ClockRate * audio.Ptime / 1000,
            G711Formats.SilenceByte(format),
            audio.Ptime);
    }

    private async Task<IAgentConnection?> ConnectAsync(AgentSettings settings, AgentAudioFormat carrierFormat, CancellationToken cancellationToken)
    {
        var context = new AgentCallContext(CallId, _call.From, _call.To, settings.TrunkId, carrierFormat, new Dictionary<string, string>());
        long started = _time.GetTimestamp();
        AgentConnectResult result;
        try
        {
            result = await _connector.ConnectAsync(settings, context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller cancelled while we were dialling the agent; the UAS already answered 487.
            return null;
        }

        if (result.Status == AgentConnectStatus.Connected && result.Connection is IAgentConnection connection)
        {
            LogAgentConnected(_logger, CallId, settings.Provider, _time.GetElapsedTime(started).TotalMilliseconds);
            return connection;
        }

        LogAgentUnreachable(_logger, CallId, settings.Provider, result.Status, result.Detail ?? string.Empty);
        await _call.RejectAsync(AgentUnavailableStatus, DisconnectReasons.AgentUnreachable, CancellationToken.None).ConfigureAwait(false);
        return null;
    }

    /// <summary>Runs the answered call until one side ends it; returns the disconnect reason.</summary>
    private async Task<string> BridgeAsync()
    {
        using var stopCheckpoints = new CancellationTokenSource();
        Task<CallTerminatedSignal?> signals = PumpSignalsAsync();
        Task<string?> agentLoop = PumpAgentAsync();
        Task checkpoints = CheckpointLoopAsync(stopCheckpoints.Token);
        Task first = await Task.WhenAny(signals, agentLoop, _leg.TimedOut).ConfigureAwait(false);
        string reason;
        if (first == signals)
        {
            reason = (await signals.ConfigureAwait(false))?.Reason ?? DisconnectReasons.CallerHangup;
        }
        else if (first == agentLoop)
        {
            reason = await agentLoop.ConfigureAwait(false) ?? DisconnectReasons.AgentHangup;
            if (reason == DisconnectReasons.AgentHangup)
            {
                await PlayOutAsync(signals).ConfigureAwait(false);
            }

            await _call.HangUpAsync(reason, CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            reason = DisconnectReasons.MediaTimeout;
            await _call.HangUpAsync(reason, CancellationToken.None).ConfigureAwait(false);
        }

        LogCallEnding(_logger, CallId, reason);

        // Stop the media first so nothing more reaches the agent, then close the agent and wait for every loop.
        _recorder.SampleJitter(Stream.GetStatistics().JitterMilliseconds);
        _leg.Forwarding = false;
        await _agent.CloseAsync(reason, CancellationToken.None).ConfigureAwait(false);
        await agentLoop.ConfigureAwait(false);
        await signals.ConfigureAwait(false);
        await stopCheckpoints.CancelAsync().ConfigureAwait(false);
        await checkpoints.ConfigureAwait(false);
        return reason;
    }

    private CallSummary Summarize()
    {
        _recorder.Finish(_time.GetTimestamp(), _leg.LastSentTimestamp);
        return new CallSummary(_recorder.TakeNewTurns(), CurrentMetrics());
    }

    private CallMetrics CurrentMetrics()
    {
        RtpStream stream = Stream;
        RtpStreamStatistics statistics = stream.GetStatistics();
        var gateway = new LatencyHistogram(_time.TimestampFrequency);
        gateway.Add(_retiredLatency);
        gateway.Add(_agent.CallerAudioLatency);
        gateway.Add(stream.SendLatency);
        gateway.Add(_agentHandoff);
        long firstAudio = _leg.FirstAudioTimestamp;
        double? lagFallback = firstAudio == 0 || _answeredTimestamp == 0
            ? null
            : Math.Max(0, _time.GetElapsedTime(_answeredTimestamp, firstAudio).TotalMilliseconds);
        return _recorder.Build(statistics, gateway, lagFallback);
    }

    private async Task ReportAgentAsync(string trunkId, bool connected, string? reason)
    {
        try
        {
            await _events.AgentConnectionChangedAsync(new AgentConnectionEvent(CallId, trunkId, connected, _time.GetUtcNow(), reason), CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Reporting is best effort; the call goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReportFailed(_logger, CallId, ex);
        }
    }
}
