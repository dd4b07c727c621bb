using Telepath.Grains.Abstractions.Calls;
using Telepath.Grains.Abstractions.Trunks;
using Telepath.Grains.Abstractions.Webhooks;

namespace Telepath.Grains.Calls;

/// <summary>
/// The call's webhook events (spec §8) and its reports to the trunk's agent health. Events are written to the durable
/// outbox in the order this grain handles the call's lifecycle (one activation, no reentrancy), under the call id as
/// ordering key; delivery happens later on the endpoint grains, so a slow receiver never holds the call up.
/// </summary>
internal sealed partial class CallGrain
{
    private WebhookTarget? _trunkTarget;
    private bool _trunkTargetResolved;
    private int _agentEvents;

    public async Task AgentConnectionChangedAsync(bool connected, DateTimeOffset at, string? reason)
    {
        if (_call is null || !CallStatuses.IsLive(_call.Status))
        {
            return;
        }

        var call = _call;
        if (connected)
        {
            // A working agent connection is what clears a trunk's error state (spec §5: "clears itself on the next good call").
            _ = GrainFactory.GetGrain<ITrunkGrain>(call.TrunkId).RecordAgentConnectedAsync(at);
        }

        var type = connected ? WebhookEventTypes.AgentConnected : WebhookEventTypes.AgentDisconnected;
        var data = WebhookEventData.Agent(call.Id, call.TrunkId, call.From, call.To, call.Carrier, call.CodecUsed, connected ? null : reason);
        // An agent may connect more than once in a call (reconnects): each event gets its own stable id.
        await PublishAsync(type, $"{type}.{++_agentEvents}", data, at);
    }

    /// <summary>Publishes a lifecycle event of the current call (each type happens once per call, so its id is stable).</summary>
    private Task PublishCallEventAsync(string type, DateTimeOffset at)
    {
        var call = _call!;
        var data = type == WebhookEventTypes.CallEnded
            ? WebhookEventData.CallEnded(call.Id, call.TrunkId, call.From, call.To, call.Carrier, call.CodecUsed,
                call.DurationSecondsAt(at) ?? 0, call.DisconnectReason, CallMetricsJson.Write(call.Metrics))
            : WebhookEventData.Call(call.Id, call.TrunkId, call.From, call.To, call.Carrier, call.CodecUsed);
        return PublishAsync(type, type, data, at);
    }

    private async Task PublishAsync(string type, string idSuffix, string data, DateTimeOffset at)
    {
        var call = _call!;
        try
        {
            if (!_trunkTargetResolved)
            {
                var trunk = await GrainFactory.GetGrain<ITrunkGrain>(call.TrunkId).GetAsync();
                _trunkTarget = trunk is null || trunk.AccountId != call.AccountId ? null : _targets.For(call.TrunkId, trunk.Settings.StatusWebhookUrl);
                _trunkTargetResolved = true;
            }

            // Deterministic ids: a retried grain call, or the sweeper ending the call in a new activation, cannot
            // queue the same event twice (the outbox is idempotent per event id and target).
            var id = $"{WebhookEventData.EventIdPrefix}_{call.Id}.{idSuffix}";
            await _publisher.PublishAsync(new WebhookEvent(id, type, call.AccountId, call.TrunkId, call.Id, at, data), _trunkTarget);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The call itself must go on; the failure is logged loudly because a customer will miss this event.
            Log.WebhookPublishFailed(_logger, exception, type, call.Id);
        }
    }

    private void ReportAgentFailure(CallRecord call)
    {
        if (call.DisconnectReason is TrunkHealthOptions.AgentUnreachable or TrunkHealthOptions.AgentError)
        {
            _ = GrainFactory.GetGrain<ITrunkGrain>(call.TrunkId).RecordAgentFailureAsync(call.DisconnectReason, call.EndTime ?? _time.GetUtcNow());
        }
    }
}
