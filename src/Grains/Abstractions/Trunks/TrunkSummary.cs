namespace Telepath.Grains.Abstractions.Trunks;

/// <summary>A trunk's entry in its account's index: enough to filter, sort and page without asking every trunk.</summary>
/// <param name="TrunkId">The id (a ULID, so ordinal order is creation order).</param>
/// <param name="Name">The name.</param>
/// <param name="Status">The status.</param>
/// <param name="Provider">The agent protocol.</param>
/// <param name="CreatedAt">Creation time.</param>
[GenerateSerializer, Immutable, Alias("telepath.TrunkSummary")]
public sealed record TrunkSummary(string TrunkId, string Name, TrunkStatus Status, TrunkProvider Provider, DateTimeOffset CreatedAt);
