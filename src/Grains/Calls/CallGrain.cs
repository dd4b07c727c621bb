using Microsoft.Extensions.Logging;
using Orleans.Placement;
using Telepath.Grains.Abstractions.Analytics;
using Telepath.Grains.Abstractions.Calls;
using Telepath.Grains.Abstractions.Webhooks;

namespace Telepath.Grains.Calls;

/// <summary>
/// One call's live state. Its persistence is the call store row, not Orleans grain state: the row is what the API,
/// analytics rebuilds and the crash sweeper read, and a call whose silo died cannot continue anyway.
/// </summary>
/// <remarks>
/// Placement: the silo's <c>ICallEvents</c> makes the first call from the silo whose media engine owns the call, so
/// <see cref="PreferLocalPlacementAttribute"/> puts the activation beside the media (research/orleans.md §3);
/// <see cref="ImmovableAttribute"/> keeps rebalancers from moving it away. Store writes happen at start (a refused
/// call still leaves a record), on answer, at checkpoints at most every <see cref="CheckpointInterval"/>, and at the end.
/// </remarks>
[PreferLocalPlacement]
[Immovable]
internal sealed partial class CallGrain : Grain, ICallGrain
{
    /// <summary>Minimum spacing of checkpoint writes of a live call.</summary>
    public static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(5);

    private readonly ICallStore _store;
    private readonly TimeProvider _time;
    private readonly ILocalSiloDetails _silo;
    private readonly ILogger<CallGrain> _logger;
    private readonly IWebhookPublisher _publisher;
    private readonly ITrunkWebhookTargets _targets;
    private CallRecord? _call;
    private SipTraceBuffer? _trace;
    private DateTimeOffset _lastWrite;
    private bool _dirty;
    private IGrainTimer? _flushTimer;

    public CallGrain(
        ICallStore store, TimeProvider time, ILocalSiloDetails silo, IWebhookPublisher publisher, ITrunkWebhookTargets targets, ILogger<CallGrain> logger)
    {
        _store = store;
        _time = time;
        _silo = silo;
        _publisher = publisher;
        _targets = targets;
        _logger = logger;
    }

    public async Task StartAsync(CallRecord call)
    {
        if (_call is not null)
        {
            return;
        }

        _trace = new SipTraceBuffer();
        _trace.Append(call.SipTrace);
        _call = call with
        {
            Status = CallStatuses.Ringing,
            OwnerSilo = _silo.SiloAddress.ToParsableString(),
            SipTrace = _trace.Entries,
            SipTraceTruncated = _trace.Truncated,
        };

        // A call lasts as long as it lasts; events may be minutes apart, so idle collection must not take it early.
        DelayDeactivation(TimeSpan.FromHours(24));
        await WriteAsync();
        Stats(_call.TrunkId, _call.AccountId, out var trunk, out var account);
        _ = trunk.CallStartedAsync(_call.Id, _call.AccountId, _call.TrunkId, _call.StartTime);
        _ = account.CallStartedAsync(_call.Id, _call.AccountId, _call.TrunkId, _call.StartTime);
        await PublishCallEventAsync(WebhookEventTypes.CallStarted, _call.StartTime);
    }

    public async Task AnswerAsync(DateTimeOffset answeredAt, string codec, double setupMs)
    {
        if (_call is not { Status: CallStatuses.Ringing })
        {
            return;
        }

        _call = _call with
        {
            Status = CallStatuses.Connected,
            AnswerTime = answeredAt,
            CodecUsed = codec,
            Metrics = _call.Metrics with { SetupMs = setupMs },
        };
        await WriteAsync();
        await PublishCallEventAsync(WebhookEventTypes.CallAnswered, answeredAt);
    }

    public async Task ProgressAsync(IReadOnlyList<CallTurnData> newTurns, CallMetricsData metrics)
    {
        if (_call is null || !CallStatuses.IsLive(_call.Status))
        {
            return;
        }

        _call = _call with { Turns = Concat(_call.Turns, newTurns), Metrics = KeepSetup(metrics, _call.Metrics) };
        _dirty = true;
        if (_time.GetUtcNow() - _lastWrite >= CheckpointInterval)
        {
            await WriteAsync();
        }
        else
        {
            EnsureFlushTimer();
        }
    }

    public Task AppendSipTraceAsync(IReadOnlyList<SipTraceData> entries)
    {
        if (_call is null || _trace is null)
        {
            return Task.CompletedTask;
        }

        _trace.Append(entries);
        _call = _call with { SipTrace = _trace.Entries, SipTraceTruncated = _trace.Truncated };
        _dirty = true;
        EnsureFlushTimer();
        return Task.CompletedTask;
    }

    public async Task<bool> EndAsync(CallEndCommand command)
    {
        if (_call is null || !CallStatuses.IsLive(_call.Status))
        {
            return false;
        }

        _call = _call with
        {
            Status = command.Status,
            DisconnectReason = command.DisconnectReason,
            EndTime = command.EndedAt,
            Turns = Concat(_call.Turns, command.NewTurns),
            Metrics = command.Metrics is null ? _call.Metrics : KeepSetup(command.Metrics, _call.Metrics),
            OwnerSilo = null,
        };
        await FinishAsync();
        return true;
    }

    public async Task<bool> AbandonAsync(string disconnectReason, DateTimeOffset at)
    {
        _call ??= await _store.FindAsync(this.GetPrimaryKeyString(), CancellationToken.None);
        if (_call is null || !CallStatuses.IsLive(_call.Status))
        {
            DeactivateOnIdle();
            return false;
        }

        // A call that never connected cannot have dropped: spec §6 calls that failed.
        var status = _call.AnswerTime is null ? CallStatuses.Failed : CallStatuses.Dropped;
        _call = _call with { Status = status, DisconnectReason = disconnectReason, EndTime = at, OwnerSilo = null };
        Log.CallAbandoned(_logger, _call.Id, status, disconnectReason);
        await FinishAsync();
        return true;
    }

    public Task<CallRecord?> GetLiveAsync()
    {
        if (_call is null)
        {
            // Activated by a reader, not by the media engine: nothing live here, do not linger.
            DeactivateOnIdle();
        }

        return Task.FromResult(_call);
    }

    private async Task FinishAsync()
    {
        var call = _call!;
        _flushTimer?.Dispose();
        _flushTimer = null;
        await WriteAsync();
        Stats(call.TrunkId, call.AccountId, out var trunk, out var account);
        var sample = new CallStatsSample(call.Id, call.AccountId, call.TrunkId, call.Status, call.EndTime!.Value, call.DurationSecondsAt(call.EndTime.Value), call.Metrics);
        _ = trunk.CallEndedAsync(sample);
        _ = account.CallEndedAsync(sample);
        await PublishCallEventAsync(WebhookEventTypes.CallEnded, call.EndTime.Value);
        ReportAgentFailure(call);
        DeactivateOnIdle();
    }

    private async Task WriteAsync()
    {
        var now = _time.GetUtcNow();
        _call = _call! with { UpdatedAt = now };
        await _store.UpsertAsync(_call, CancellationToken.None);
        _lastWrite = now;
        _dirty = false;
    }

    private void EnsureFlushTimer()
    {
        _flushTimer ??= this.RegisterGrainTimer(
            static (grain, _) => grain.FlushAsync(),
            this,
            CheckpointInterval,
            CheckpointInterval);
    }

    private async Task FlushAsync()
    {
        if (_dirty && _call is not null && CallStatuses.IsLive(_call.Status))
        {
            try
            {
                await WriteAsync();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A missed checkpoint is retried on the next tick; the final write at the end is what matters.
                Log.CheckpointFailed(_logger, exception, _call.Id);
            }
        }
    }

    private void Stats(string trunkId, string accountId, out ITrunkStatsGrain trunk, out IAccountStatsGrain account)
    {
        trunk = GrainFactory.GetGrain<ITrunkStatsGrain>(trunkId);
        account = GrainFactory.GetGrain<IAccountStatsGrain>(accountId);
    }

    private static CallMetricsData KeepSetup(CallMetricsData reported, CallMetricsData previous) =>
        reported.SetupMs is null && previous.SetupMs is not null ? reported with { SetupMs = previous.SetupMs } : reported;

    private static IReadOnlyList<CallTurnData> Concat(IReadOnlyList<CallTurnData> turns, IReadOnlyList<CallTurnData> more)
    {
        if (more.Count == 0)
        {
            return turns;
        }

        var all = new List<CallTurnData>(turns.Count + more.Count);
        all.AddRange(turns);
        all.AddRange(more);
        return all;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6100, Level = LogLevel.Warning, Message = "Call {CallId} ended as {Status} ({Reason}): its silo is gone")]
        public static partial void CallAbandoned(ILogger logger, string callId, string status, string reason);

        [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Checkpoint of call {CallId} failed; retrying on the next tick")]
        public static partial void CheckpointFailed(ILogger logger, Exception exception, string callId);

        [LoggerMessage(EventId = 6120, Level = LogLevel.Error, Message = "The {EventType} webhook event of call {CallId} could not be written to the outbox")]
        public static partial void WebhookPublishFailed(ILogger logger, Exception exception, string eventType, string callId);
    }
}
