namespace Telepath.Api.Contracts;

/// <summary><c>GET /v1/calls/{id}</c>: the call with its turns and SIP trace (spec §6).</summary>
/// <param name="Id">The call id.</param>
/// <param name="TrunkId">Its trunk.</param>
/// <param name="Direction"><c>inbound</c> or <c>outbound</c>.</param>
/// <param name="From">Caller number.</param>
/// <param name="To">Called number.</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="DisconnectReason">Why it ended; null while live.</param>
/// <param name="StartTime">INVITE received.</param>
/// <param name="AnswerTime">Answered, or null.</param>
/// <param name="EndTime">Ended, or null.</param>
/// <param name="DurationSeconds">From answer to end (to now while live).</param>
/// <param name="CodecUsed">Negotiated codec.</param>
/// <param name="Carrier">Best guess at the carrier.</param>
/// <param name="Metrics">Measured figures.</param>
/// <param name="AiLatencyMs">Flat copy of <c>metrics.ai_latency_ms</c>.</param>
/// <param name="CarrierLagMs">Flat copy of <c>metrics.carrier_lag_ms</c>.</param>
/// <param name="GatewayProcessingMs">Flat copy of <c>metrics.gateway_processing_ms</c>.</param>
/// <param name="SipCallId">The SIP Call-ID, for matching carrier logs.</param>
/// <param name="Turns">The conversation's turns.</param>
/// <param name="SipTrace">SIP messages in order (at most 500 / 512 KiB).</param>
/// <param name="SipTraceTruncated">True when later SIP messages were left out.</param>
public sealed record CallDetailResource(
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
    double? GatewayProcessingMs,
    string? SipCallId,
    IReadOnlyList<CallTurnResource> Turns,
    IReadOnlyList<CallSipTraceResource> SipTrace,
    bool SipTraceTruncated);
