namespace Telepath.Api.Contracts;

/// <summary>A call in a list (spec §6): everything but turns and SIP trace.</summary>
/// <param name="Id">The call id.</param>
/// <param name="TrunkId">Its trunk.</param>
/// <param name="Direction"><c>inbound</c> or <c>outbound</c>.</param>
/// <param name="From">Caller number.</param>
/// <param name="To">Called number.</param>
/// <param name="Status"><c>ringing</c>, <c>connected</c>, <c>completed</c>, <c>failed</c> or <c>dropped</c>.</param>
/// <param name="DisconnectReason">Why it ended; null while live.</param>
/// <param name="StartTime">INVITE received.</param>
/// <param name="AnswerTime">Answered, or null.</param>
/// <param name="EndTime">Ended, or null.</param>
/// <param name="DurationSeconds">From answer to end (to now for a live call); null when never answered.</param>
/// <param name="CodecUsed">Negotiated codec.</param>
/// <param name="Carrier">Best guess at the carrier.</param>
/// <param name="Metrics">Measured figures (so far, for a live call).</param>
/// <param name="AiLatencyMs">Flat copy of <c>metrics.ai_latency_ms</c>, for older clients.</param>
/// <param name="CarrierLagMs">Flat copy of <c>metrics.carrier_lag_ms</c>.</param>
/// <param name="GatewayProcessingMs">Flat copy of <c>metrics.gateway_processing_ms</c>.</param>
public sealed record CallResource(
    string Id,
    string TrunkId,
    string Direction,
    string From,
    string To,
    string Status,
    string? DisconnectReason,
    DateTimeOffset StartTime,
    DateTimeOffset? AnswerTime,
    DateTimeOffset? EndTime,
    double? DurationSeconds,
    string? CodecUsed,
    string? Carrier,
    CallMetricsResource Metrics,
    double? AiLatencyMs,
    double? CarrierLagMs,
    double? GatewayProcessingMs);
