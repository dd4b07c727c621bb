using Telepath.Grains.Abstractions.Calls;

namespace Telepath.Grains.Abstractions.Analytics;

/// <summary>An ended call as the analytics grains count it, in the bucket of the minute it ended.</summary>
/// <param name="CallId">The call.</param>
/// <param name="AccountId">Its account.</param>
/// <param name="TrunkId">Its trunk.</param>
/// <param name="Status">Completed, failed or dropped.</param>
/// <param name="EndedAt">When it ended (its figures are final only then).</param>
/// <param name="DurationSeconds">Answer → end, or null when never answered.</param>
/// <param name="Metrics">Final metrics.</param>
[GenerateSerializer, Immutable, Alias("telepath.CallStatsSample")]
public sealed record CallStatsSample(string CallId, string AccountId, string TrunkId, string Status, DateTimeOffset EndedAt, double? DurationSeconds, CallMetricsData Metrics);
