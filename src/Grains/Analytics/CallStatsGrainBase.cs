using Microsoft.Extensions.Logging;
using Telepath.Grains.Abstractions.Analytics;
using Telepath.Grains.Abstractions.Calls;
using Telepath.Grains.Calls;

namespace Telepath.Grains.Analytics;

/// <summary>
/// What <see cref="TrunkStatsGrain"/> and <see cref="AccountStatsGrain"/> share: they are fed by one-way calls from call
/// grains (not an Orleans stream: research/orleans.md §6 finds memory streams no more durable, and a direct call skips
/// the queue grain, the 100 ms polling and the 16,384-record cap), keep their buckets in memory, persist them on a
/// timer, and rebuild them from the call store when their state is missing.
/// </summary>
internal abstract partial class CallStatsGrainBase : Grain, ICallStatsGrain
{
    /// <summary>How often changed aggregates are persisted.</summary>
    public static readonly TimeSpan PersistInterval = TimeSpan.FromSeconds(30);

    // Calls the rebuild counted that may still have their end event in flight (sent just before this activation).
    private static readonly TimeSpan InFlightWindow = TimeSpan.FromMinutes(5);

    private readonly IPersistentState<CallStatsState> _state;
    private readonly ICallStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HashSet<string> _countedByRebuild = [];
    private CallStatsBook _book = null!;
    private bool _dirty;

    protected CallStatsGrainBase(IPersistentState<CallStatsState> state, ICallStore store, TimeProvider time, ILogger logger)
    {
        _state = state;
        _store = store;
        _time = time;
        _logger = logger;
    }

    protected CallStatsBook Book => _book;

    protected TimeProvider Time => _time;

    /// <summary>The scope the store is scanned by when rebuilding: (account, null) or (null, trunk).</summary>
    protected abstract (string? AccountId, string? TrunkId) RebuildScope { get; }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _book = new CallStatsBook(_state.State);
        if (!_state.RecordExists)
        {
            await RebuildAsync(cancellationToken);
        }
        else
        {
            await ReconcileLiveCallsAsync(cancellationToken);
        }

        this.RegisterGrainTimer(static (grain, _) => grain.PersistAsync(), this, PersistInterval, PersistInterval);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await PersistAsync();
    }

    public Task CallStartedAsync(string callId, string accountId, string trunkId, DateTimeOffset startedAt)
    {
        _state.State.AccountId ??= accountId;
        _book.Start(callId, trunkId);
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task CallEndedAsync(CallStatsSample sample)
    {
        _state.State.AccountId ??= sample.AccountId;
        if (_countedByRebuild.Remove(sample.CallId))
        {
            _book.Forget(sample.CallId);
            _dirty = true;
            return Task.CompletedTask;
        }

        _book.End(sample, _time.GetUtcNow());
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task<AnalyticsSummary?> GetSummaryAsync(string accountId, DateTimeOffset from, DateTimeOffset to) =>
        Task.FromResult(Owns(accountId) ? _book.Summarize(from, to) : null);

    public Task<IReadOnlyList<AnalyticsSummary>?> GetTimeseriesAsync(string accountId, DateTimeOffset from, DateTimeOffset to, AnalyticsInterval interval) =>
        Task.FromResult(Owns(accountId) ? _book.Timeseries(from, to, interval) : null);

    private bool Owns(string accountId) => _state.State.AccountId is null || _state.State.AccountId == accountId;

    /// <summary>
    /// The persisted state may predate the end of calls it still holds as live: their end events were one-way
    /// messages sent while this grain was deactivating or its silo was going down (a graceful shutdown ends live
    /// calls as <c>system_shutdown</c> exactly then). The call store is the authority: every call the state holds as
    /// live but the store holds as ended is counted now, and its end event, should it still arrive, is ignored.
    /// </summary>
    private async Task ReconcileLiveCallsAsync(CancellationToken cancellationToken)
    {
        if (_state.State.ActiveCalls.Count == 0)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var reconciled = 0;
        foreach (var callId in _state.State.ActiveCalls.ToArray())
        {
            var call = await _store.FindAsync(callId, cancellationToken);
            if (call is null || CallStatuses.IsLive(call.Status))
            {
                continue;
            }

            _book.End(SampleOf(call), now);
            if (now - call.UpdatedAt < InFlightWindow)
            {
                _countedByRebuild.Add(call.Id);
            }

            reconciled++;
        }

        if (reconciled > 0)
        {
            Log.Reconciled(_logger, this.GetPrimaryKeyString(), reconciled);
            _dirty = true;
            await PersistAsync();
        }
    }

    private async Task RebuildAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var (accountId, trunkId) = RebuildScope;
        var calls = 0;
        await foreach (var call in _store.ScanForStatsAsync(accountId, trunkId, now - CallStatsBook.HourRetention, cancellationToken))
        {
            calls++;
            _state.State.AccountId ??= call.AccountId;
            if (CallStatuses.IsLive(call.Status))
            {
                _book.Start(call.Id, call.TrunkId);
                continue;
            }

            _book.Record(SampleOf(call), now);
            _state.State.TrunkIds.Add(call.TrunkId);
            // The row's write time, not the call's end time, tells whether its end event may still be in flight.
            if (now - call.UpdatedAt < InFlightWindow)
            {
                _countedByRebuild.Add(call.Id);
            }
        }

        Log.Rebuilt(_logger, this.GetPrimaryKeyString(), calls);
        _dirty = true;
        await PersistAsync();
    }

    /// <summary>What an ended call in the store counts for, as its end event would have said.</summary>
    private static CallStatsSample SampleOf(CallRecord call)
    {
        var ended = call.EndTime ?? call.UpdatedAt;
        return new CallStatsSample(call.Id, call.AccountId, call.TrunkId, call.Status, ended, call.DurationSecondsAt(ended), call.Metrics);
    }

    private async Task PersistAsync()
    {
        if (!_dirty)
        {
            return;
        }

        _book.Prune(_time.GetUtcNow());
        _book.SealAll();
        try
        {
            await _state.WriteStateAsync();
            _dirty = false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The next tick retries; the aggregates are still in memory.
            Log.PersistFailed(_logger, exception, this.GetPrimaryKeyString());
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6110, Level = LogLevel.Information, Message = "Analytics for {Scope} rebuilt from {Calls} stored calls")]
        public static partial void Rebuilt(ILogger logger, string scope, int calls);

        [LoggerMessage(EventId = 6112, Level = LogLevel.Information, Message = "Analytics for {Scope} counted {Calls} calls that ended while their end events were in flight")]
        public static partial void Reconciled(ILogger logger, string scope, int calls);

        [LoggerMessage(EventId = 6111, Level = LogLevel.Warning, Message = "Persisting analytics for {Scope} failed; retrying on the next tick")]
        public static partial void PersistFailed(ILogger logger, Exception exception, string scope);
    }
}
