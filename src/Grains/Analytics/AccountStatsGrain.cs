using Microsoft.Extensions.Logging;
using Telepath.Grains.Abstractions.Analytics;
using Telepath.Grains.Calls;
using Telepath.Grains.Hosting;

namespace Telepath.Grains.Analytics;

/// <summary>Aggregates of one account's calls (key = account id).</summary>
internal sealed class AccountStatsGrain : CallStatsGrainBase, IAccountStatsGrain
{
    public AccountStatsGrain(
        [PersistentState("accountstats", StorageNames.Default)] IPersistentState<CallStatsState> state,
        ICallStore store,
        TimeProvider time,
        ILogger<AccountStatsGrain> logger)
        : base(state, store, time, logger)
    {
    }

    protected override (string? AccountId, string? TrunkId) RebuildScope => (this.GetPrimaryKeyString(), null);

    public Task<IReadOnlyList<string>> GetTrunkIdsAsync()
    {
        var ids = Book.State.TrunkIds.ToList();
        ids.Sort(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<string>>(ids);
    }
}
