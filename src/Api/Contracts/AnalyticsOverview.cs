namespace Telepath.Api.Contracts;

/// <summary>
/// <c>GET /v1/analytics/overview</c> (spec §7), also one bucket of a timeseries and one trunk of
/// <c>/v1/analytics/trunks</c>. Calls count in the window in which they ended.
/// </summary>
/// <param name="TrunkId">The trunk the figures are for, or null for the whole account.</param>
/// <param name="From">Window start (inclusive).</param>
/// <param name="To">Window end (inclusive).</param>
/// <param name="TotalCalls">Calls that ended in the window.</param>
/// <param name="Completed">Of those, completed.</param>
/// <param name="Failed">Of those, failed.</param>
/// <param name="Dropped">Of those, dropped.</param>
/// <param name="ActiveCalls">Calls live now (in a timeseries: only in the last bucket).</param>
/// <param name="SuccessRate">Completed as a percentage (0–100) of ended calls; null with none.</param>
/// <param name="AvgDurationSeconds">Mean duration of answered calls.</param>
/// <param name="AiLatencyMs">Per-call AI latency.</param>
/// <param name="CarrierLagMs">Per-call carrier lag.</param>
/// <param name="GatewayProcessingMs">Per-call gateway processing time.</param>
/// <param name="JitterMs">Per-call jitter.</param>
/// <param name="PacketLossPercent">Mean packet loss.</param>
/// <param name="Mos">Mean MOS.</param>
public sealed record AnalyticsOverview(
    string? TrunkId,
    DateTimeOffset From,
    DateTimeOffset To,
    long TotalCalls,
    long Completed,
    long Failed,
    long Dropped,
    int ActiveCalls,
    double? SuccessRate,
    double? AvgDurationSeconds,
    AnalyticsLatency AiLatencyMs,
    AnalyticsLatency CarrierLagMs,
    AnalyticsLatency GatewayProcessingMs,
    AnalyticsLatency JitterMs,
    double? PacketLossPercent,
    double? Mos);
