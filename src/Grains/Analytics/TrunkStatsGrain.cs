using Microsoft.Extensions.Logging;
using Telepath.Grains.Abstractions.Analytics;
using Telepath.Grains.Calls;
using Telepath.Grains.Hosting;

namespace Telepath.Grains.Analytics;

/// <summary>Aggregates of one trunk's calls (key = trunk id).</summary>
internal sealed class TrunkStatsGrain : CallStatsGrainBase, ITrunkStatsGrain
{
    public TrunkStatsGrain(
        [PersistentState("trunkstats", StorageNames.Default)] IPersistentState<CallStatsState> state,
        ICallStore store,
        TimeProvider time,
        ILogger<TrunkStatsGrain> logger)
        : base(state, store, time, logger)
    {
    }

    protected override (string? AccountId, string? TrunkId) RebuildScope => (null, this.GetPrimaryKeyString());

    public Task<TrunkMetricsView> GetTrunkMetricsAsync() => Task.FromResult(Book.TrunkMetrics(Time.GetUtcNow()));
}
