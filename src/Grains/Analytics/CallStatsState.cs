namespace Telepath.Grains.Analytics;

/// <summary>The persisted aggregates of one trunk or account.</summary>
[GenerateSerializer, Alias("telepath.CallStatsState")]
internal sealed class CallStatsState
{
    /// <summary>The scope's account (a trunk's stats answer only to its own account).</summary>
    [Id(0)] public string? AccountId { get; set; }

    /// <summary>Minute buckets keyed by Unix minute, kept for <see cref="CallStatsBook.MinuteRetention"/>.</summary>
    [Id(1)] public Dictionary<long, StatsBucket> Minutes { get; set; } = [];

    /// <summary>Hour buckets keyed by Unix hour, kept for <see cref="CallStatsBook.HourRetention"/>.</summary>
    [Id(2)] public Dictionary<long, StatsBucket> Hours { get; set; } = [];

    /// <summary>Ids of calls live now.</summary>
    [Id(3)] public HashSet<string> ActiveCalls { get; set; } = [];

    /// <summary>Account scope only: trunks that have had calls.</summary>
    [Id(4)] public HashSet<string> TrunkIds { get; set; } = [];
}
