namespace Telepath.Grains.Abstractions.Analytics;

/// <summary>Aggregates of one account's calls (key = account id), and the trunks that have had calls.</summary>
[Alias("telepath.IAccountStatsGrain")]
public interface IAccountStatsGrain : ICallStatsGrain
{
    /// <summary>Ids of the account's trunks that have had calls, for <c>/v1/analytics/trunks</c>.</summary>
    [Alias("GetTrunkIds")]
    Task<IReadOnlyList<string>> GetTrunkIdsAsync();
}
