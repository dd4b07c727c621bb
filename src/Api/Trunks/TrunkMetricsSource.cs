using Telepath.Api.Contracts;
using Telepath.Grains.Abstractions.Analytics;

namespace Telepath.Api.Trunks;

/// <summary>
/// The one place trunk <c>metrics</c> come from: each trunk's <see cref="ITrunkStatsGrain"/> (live per-minute buckets),
/// one grain call per trunk, in parallel for a list page but never more than <see cref="MaxConcurrentCalls"/> at once.
/// A trunk with no calls reports real zeros.
/// </summary>
internal sealed class TrunkMetricsSource
{
    /// <summary>The fan-out bound of one request (a list page holds up to 100 trunks).</summary>
    public const int MaxConcurrentCalls = 16;

    private readonly IGrainFactory _grains;

    public TrunkMetricsSource(IGrainFactory grains)
    {
        _grains = grains;
    }

    /// <summary>Metrics for each of <paramref name="trunkIds"/>, in the same order.</summary>
    public async Task<IReadOnlyList<TrunkMetricsResource>> GetAsync(IReadOnlyList<string> trunkIds, CancellationToken cancellationToken)
    {
        var metrics = new TrunkMetricsResource[trunkIds.Count];
        if (trunkIds.Count == 1)
        {
            metrics[0] = await FetchAsync(trunkIds[0], cancellationToken);
            return metrics;
        }

        await Parallel.ForEachAsync(
            Enumerable.Range(0, trunkIds.Count),
            new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentCalls, CancellationToken = cancellationToken },
            async (i, token) => metrics[i] = await FetchAsync(trunkIds[i], token));
        return metrics;
    }

    private async Task<TrunkMetricsResource> FetchAsync(string trunkId, CancellationToken cancellationToken)
    {
        var view = await _grains.GetGrain<ITrunkStatsGrain>(trunkId).GetTrunkMetricsAsync().WaitAsync(cancellationToken);
        return From(view);
    }

    /// <summary>The wire shape: no figure yet is a zero (spec §5 shows numbers); latency rounds to whole milliseconds.</summary>
    internal static TrunkMetricsResource From(TrunkMetricsView view) => new(
        view.CallsToday,
        Math.Round(view.SuccessRate ?? 0, 1),
        (int)Math.Round(view.AvgLatencyMs ?? 0, MidpointRounding.AwayFromZero),
        view.ActiveCalls);
}
