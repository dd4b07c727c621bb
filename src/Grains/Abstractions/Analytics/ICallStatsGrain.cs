using Orleans.Concurrency;

namespace Telepath.Grains.Abstractions.Analytics;

/// <summary>
/// Live aggregates of one scope's calls: per-minute buckets (48 h) and per-hour buckets (90 days) of counts, sums and
/// HdrHistograms, plus the set of live calls. Fed by one-way calls from call grains; read by <c>/v1/analytics/*</c>.
/// </summary>
[Alias("telepath.ICallStatsGrain")]
public interface ICallStatsGrain : IGrainWithStringKey
{
    /// <summary>A call of this scope started (it counts as active until it ends).</summary>
    [OneWay, Alias("CallStarted")]
    Task CallStartedAsync(string callId, string accountId, string trunkId, DateTimeOffset startedAt);

    /// <summary>A call of this scope ended.</summary>
    [OneWay, Alias("CallEnded")]
    Task CallEndedAsync(CallStatsSample sample);

    /// <summary>The overview of [<paramref name="from"/>, <paramref name="to"/>]; null when the scope belongs to another account.</summary>
    [Alias("GetSummary")]
    Task<AnalyticsSummary?> GetSummaryAsync(string accountId, DateTimeOffset from, DateTimeOffset to);

    /// <summary>Buckets of <paramref name="interval"/> covering the window, oldest first; null for another account's scope.</summary>
    [Alias("GetTimeseries")]
    Task<IReadOnlyList<AnalyticsSummary>?> GetTimeseriesAsync(string accountId, DateTimeOffset from, DateTimeOffset to, AnalyticsInterval interval);
}
