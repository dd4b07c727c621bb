namespace Telepath.Grains.Abstractions.Analytics;

/// <summary>The <c>metrics</c> member of a trunk resource (spec §5).</summary>
/// <param name="CallsToday">Calls that ended since 00:00 UTC.</param>
/// <param name="SuccessRate">Completed as a percentage (0–100) of those, null with none.</param>
/// <param name="AvgLatencyMs">Mean AI latency over the last 7 days, null with no samples.</param>
/// <param name="ActiveCalls">Calls live now.</param>
[GenerateSerializer, Immutable, Alias("telepath.TrunkMetricsView")]
public sealed record TrunkMetricsView(long CallsToday, double? SuccessRate, double? AvgLatencyMs, int ActiveCalls);
