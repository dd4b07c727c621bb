namespace Telepath.Grains.Abstractions.Analytics;

/// <summary>The figures of <c>/v1/analytics/overview</c> for one window (spec §7).</summary>
/// <param name="From">Window start (inclusive).</param>
/// <param name="To">Window end (inclusive).</param>
/// <param name="TotalCalls">Calls that ended in the window.</param>
/// <param name="Completed">Of those, completed.</param>
/// <param name="Failed">Of those, failed.</param>
/// <param name="Dropped">Of those, dropped.</param>
/// <param name="ActiveCalls">Calls live now.</param>
/// <param name="SuccessRate">Completed as a percentage of ended calls (0–100), null with no calls.</param>
/// <param name="AvgDurationSeconds">Mean duration of answered calls.</param>
/// <param name="AiLatencyMs">Per-call AI latency.</param>
/// <param name="CarrierLagMs">Per-call carrier lag.</param>
/// <param name="GatewayProcessingMs">Per-call gateway processing.</param>
/// <param name="JitterMs">Per-call jitter.</param>
/// <param name="PacketLossPercent">Mean packet loss of calls that measured it.</param>
/// <param name="Mos">Mean MOS of calls that measured it.</param>
[GenerateSerializer, Immutable, Alias("telepath.AnalyticsSummary")]
public sealed record AnalyticsSummary(
    DateTimeOffset From,
    DateTimeOffset To,
    long TotalCalls,
    long Completed,
    long Failed,
    long Dropped,
    int ActiveCalls,
    double? SuccessRate,
    double? AvgDurationSeconds,
    LatencySummary AiLatencyMs,
    LatencySummary CarrierLagMs,
    LatencySummary GatewayProcessingMs,
    LatencySummary JitterMs,
    double? PacketLossPercent,
    double? Mos);
