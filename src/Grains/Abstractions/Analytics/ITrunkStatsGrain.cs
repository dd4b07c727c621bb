namespace Telepath.Grains.Abstractions.Analytics;

/// <summary>Aggregates of one trunk's calls (key = trunk id).</summary>
[Alias("telepath.ITrunkStatsGrain")]
public interface ITrunkStatsGrain : ICallStatsGrain
{
    /// <summary>The trunk resource's <c>metrics</c> (spec §5).</summary>
    [Alias("GetTrunkMetrics")]
    Task<TrunkMetricsView> GetTrunkMetricsAsync();
}
