using Microsoft.Extensions.Logging;
using Telepath.Grains.Abstractions.Accounts;
using Telepath.Grains.Abstractions.Trunks;
using Telepath.Grains.Abstractions.Webhooks;

namespace Telepath.Grains.Trunks;

/// <summary>
/// Agent health: a run of agent failures puts the trunk into <see cref="TrunkStatus.Error"/> (shown on reads, calls still
/// admitted), a connected agent or a quiet period clears it. Each transition into error publishes one <c>trunk.error</c>.
/// </summary>
internal sealed partial class TrunkGrain
{
    private const string HealthReminder = "agent-health";
    private static readonly TimeSpan s_minimumReminderPeriod = TimeSpan.FromMinutes(1);

    /// <summary>True while the trunk is active by its settings, in error, and not yet quiet long enough to clear.</summary>
    private bool IsInError =>
        _state.State is { ErrorSince: not null, LastAgentFailureAt: { } last, Settings.Status: TrunkStatus.Active }
        && _time.GetUtcNow() - last < _health.QuietPeriod;

    public async Task RecordAgentFailureAsync(string reason, DateTimeOffset at)
    {
        if (!IsLive)
        {
            return;
        }

        var state = _state.State;
        // Failures further apart than the window are not "in a row": the run starts again.
        state.AgentFailures = state.LastAgentFailureAt is { } previous && at - previous <= _health.FailureWindow ? state.AgentFailures + 1 : 1;
        state.LastAgentFailureAt = at;
        state.LastAgentFailureReason = reason;
        var entering = state.ErrorSince is null && state.AgentFailures >= _health.FailureThreshold;
        if (entering)
        {
            state.ErrorSince = at;
        }

        await _state.WriteStateAsync();
        if (!entering)
        {
            return;
        }

        LogEnteredError(_logger, this.GetPrimaryKeyString(), state.AgentFailures, reason);
        await GrainFactory.GetGrain<IAccountGrain>(state.AccountId).SetTrunkErrorAsync(this.GetPrimaryKeyString(), true);
        var period = _health.QuietPeriod < s_minimumReminderPeriod ? s_minimumReminderPeriod : _health.QuietPeriod;
        await this.RegisterOrUpdateReminder(HealthReminder, period, period);
        await PublishTrunkErrorAsync(state, at);
    }

    public async Task RecordAgentConnectedAsync(DateTimeOffset at)
    {
        var state = _state.State;
        if (!IsLive || (state.AgentFailures == 0 && state.ErrorSince is null))
        {
            // The common case writes nothing: one good call after another changes no state.
            return;
        }

        await ClearAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var state = _state.State;
        if (!IsLive || state.ErrorSince is null)
        {
            await StopReminderAsync();
            return;
        }

        if (state.LastAgentFailureAt is { } last && _time.GetUtcNow() - last >= _health.QuietPeriod)
        {
            await ClearAsync();
        }
    }

    private async Task ClearAsync()
    {
        var state = _state.State;
        var wasInError = state.ErrorSince is not null;
        state.AgentFailures = 0;
        state.ErrorSince = null;
        await _state.WriteStateAsync();
        if (wasInError)
        {
            LogClearedError(_logger, this.GetPrimaryKeyString());
            await GrainFactory.GetGrain<IAccountGrain>(state.AccountId).SetTrunkErrorAsync(this.GetPrimaryKeyString(), false);
            await StopReminderAsync();
        }
    }

    private async Task StopReminderAsync()
    {
        if (await this.GetReminder(HealthReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task PublishTrunkErrorAsync(TrunkState state, DateTimeOffset since)
    {
        var trunkId = this.GetPrimaryKeyString();
        try
        {
            var data = WebhookEventData.TrunkError(trunkId, state.LastAgentFailureReason, state.AgentFailures, since);
            // One id per transition: a retried call cannot publish the same transition twice.
            var id = $"{WebhookEventData.EventIdPrefix}_{trunkId}.error.{since.ToUnixTimeMilliseconds()}";
            var target = _targets.For(trunkId, state.Settings!.StatusWebhookUrl);
            await _publisher.PublishAsync(new WebhookEvent(id, WebhookEventTypes.TrunkError, state.AccountId, trunkId, trunkId, since, data), target);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogTrunkErrorNotPublished(_logger, exception, trunkId);
        }
    }

    [LoggerMessage(EventId = 6104, EventName = "TrunkEnteredError", Level = LogLevel.Warning,
        Message = "Trunk {TrunkId} is in error after {Failures} agent failures in a row (last: {Reason})")]
    private static partial void LogEnteredError(ILogger logger, string trunkId, int failures, string reason);

    [LoggerMessage(EventId = 6105, EventName = "TrunkClearedError", Level = LogLevel.Information, Message = "Trunk {TrunkId} is active again")]
    private static partial void LogClearedError(ILogger logger, string trunkId);

    [LoggerMessage(EventId = 6106, EventName = "TrunkErrorNotPublished", Level = LogLevel.Error,
        Message = "The trunk.error event of trunk {TrunkId} could not be written to the outbox")]
    private static partial void LogTrunkErrorNotPublished(ILogger logger, Exception exception, string trunkId);
}
