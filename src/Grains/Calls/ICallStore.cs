using Telepath.Grains.Abstractions.Calls;

namespace Telepath.Grains.Calls;

/// <summary>
/// The call table: a read model written only by call grains (and the benchmark's seeder), read by the calls API,
/// the crash sweeper and analytics rebuilds. The grains own this interface; the silo implements it on SQLite and
/// PostgreSQL with the same behaviour. Public because those assemblies implement and consume it.
/// </summary>
public interface ICallStore
{
    /// <summary>Inserts or replaces the call's row.</summary>
    Task UpsertAsync(CallRecord call, CancellationToken cancellationToken);

    /// <summary>Inserts many calls in one transaction (seeding, benchmarks).</summary>
    Task InsertManyAsync(IReadOnlyList<CallRecord> calls, CancellationToken cancellationToken);

    /// <summary>One call with turns and SIP trace, or null when it is not the account's.</summary>
    Task<CallRecord?> GetAsync(string accountId, string callId, CancellationToken cancellationToken);

    /// <summary>One call by id alone (grain reactivation), or null.</summary>
    Task<CallRecord?> FindAsync(string callId, CancellationToken cancellationToken);

    /// <summary>A filtered, sorted page of an account's calls.</summary>
    Task<CallPage> ListAsync(CallQuery query, CancellationToken cancellationToken);

    /// <summary>Calls still ringing or connected, oldest write first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<LiveCallRow>> ListLiveAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Calls of an account (or, with <paramref name="trunkId"/>, of a trunk) that ended at or after
    /// <paramref name="since"/> or are still live, without turns and trace: what an analytics grain rebuilds from.
    /// </summary>
    IAsyncEnumerable<CallRecord> ScanForStatsAsync(string? accountId, string? trunkId, DateTimeOffset since, CancellationToken cancellationToken);
}
