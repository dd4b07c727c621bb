using Telepath.Grains.Abstractions.Calls;
using Telepath.Grains.Abstractions.Identifiers;
using Telepath.Media.Edge;

namespace Telepath.Silo.Edge;

/// <summary>
/// The media engine's <see cref="ICallEvents"/> on grains: each call's events go to its <see cref="ICallGrain"/>, which
/// this silo activates first (so prefer-local placement puts it beside the media) and which writes the call store and
/// feeds analytics. The grain calls are short (no store write waits on analytics), so the session is not held up.
/// </summary>
internal sealed class GrainCallEvents : ICallEvents
{
    private readonly IGrainFactory _grains;
    private readonly ResourceIdGenerator _ids;
    private readonly LiveCallRegistry _registry;

    public GrainCallEvents(IGrainFactory grains, ResourceIdGenerator ids, LiveCallRegistry registry)
    {
        _grains = grains;
        _ids = ids;
        _registry = registry;
    }

    public async ValueTask<string> CallStartedAsync(CallStartedEvent started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(started);
        var id = _ids.New(ResourcePrefixes.Call);
        var record = new CallRecord(
            id,
            started.AccountId,
            started.TrunkId,
            CallDirections.Inbound,
            started.From,
            started.To,
            CallStatuses.Ringing,
            DisconnectReason: null,
            started.StartedAt,
            AnswerTime: null,
            EndTime: null,
            CodecUsed: null,
            started.Carrier,
            started.SipCallId,
            started.SourceAddress,
            CallMetricsData.Empty,
            Turns: [],
            SipTrace: [],
            SipTraceTruncated: false,
            OwnerSilo: null,
            UpdatedAt: started.StartedAt);
        _registry.Add(id);
        await Call(id).StartAsync(record).WaitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    public async ValueTask CallAnsweredAsync(CallAnsweredEvent answered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answered);
        await Call(answered.CallId).AnswerAsync(answered.AnsweredAt, answered.Codec, answered.SetupMs).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    // The record holds nothing of the agent connection; the grain turns it into agent.connected/disconnected and trunk health.
    public async ValueTask AgentConnectionChangedAsync(AgentConnectionEvent agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        await Call(agent.CallId).AgentConnectionChangedAsync(agent.Connected, agent.At, agent.Reason).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask CallProgressAsync(CallProgressEvent progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        await Call(progress.CallId).ProgressAsync(Turns(progress.NewTurns), Metrics(progress.Metrics)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask SipTraceAsync(string callId, IReadOnlyList<SipTraceEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var trace = new SipTraceData[entries.Count];
        for (var i = 0; i < trace.Length; i++)
        {
            var entry = entries[i];
            trace[i] = new SipTraceData(entry.At, entry.Outbound ? "outbound" : "inbound", entry.Remote, entry.Text);
        }

        await Call(callId).AppendSipTraceAsync(trace).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask CallEndedAsync(CallEndedEvent ended, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ended);
        var status = ended.Outcome switch
        {
            CallOutcome.Completed => CallStatuses.Completed,
            CallOutcome.Dropped => CallStatuses.Dropped,
            _ => CallStatuses.Failed,
        };
        var command = new CallEndCommand(ended.EndedAt, status, ended.DisconnectReason, Turns(ended.NewTurns), Metrics(ended.Metrics));
        try
        {
            await Call(ended.CallId).EndAsync(command).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _registry.Remove(ended.CallId);
        }
    }

    private ICallGrain Call(string callId) => _grains.GetGrain<ICallGrain>(callId);

    private static CallMetricsData Metrics(CallMetrics m) => new(
        m.AiLatencyMs, m.AiLatencyP95Ms, m.GatewayProcessingMs, m.GatewayProcessingP99Ms, m.CarrierLagMs, m.SetupMs, m.JitterMs, m.PacketLossPercent, m.Mos, m.Interruptions);

    private static CallTurnData[] Turns(IReadOnlyList<CallTurn> turns)
    {
        var mapped = new CallTurnData[turns.Count];
        for (var i = 0; i < mapped.Length; i++)
        {
            var turn = turns[i];
            mapped[i] = new CallTurnData(turn.TurnNumber, turn.Speaker == TurnSpeaker.Agent ? "agent" : "caller", turn.StartedAt, turn.DurationMs, turn.ProcessingTimeMs, turn.Interrupted);
        }

        return mapped;
    }
}
