namespace Telepath.Api.Contracts;

/// <summary>A call's <c>metrics</c> (spec §6); each figure null when not measurable.</summary>
/// <param name="AiLatencyMs">Average AI latency over agent turns.</param>
/// <param name="AiLatencyP95Ms">95th percentile of the same.</param>
/// <param name="GatewayProcessingMs">Average time Telepath held audio.</param>
/// <param name="GatewayProcessingP99Ms">99th percentile of the same.</param>
/// <param name="CarrierLagMs">One-way delay to the carrier's media.</param>
/// <param name="SetupMs">INVITE received → 200 OK sent.</param>
/// <param name="JitterMs">Mean interarrival jitter (RFC 3550).</param>
/// <param name="PacketLossPercent">Lost carrier packets, percent.</param>
/// <param name="Mos">E-model MOS estimate, 1–5.</param>
/// <param name="Interruptions">Caller barge-ins honoured.</param>
public sealed record CallMetricsResource(
    double? AiLatencyMs,
    double? AiLatencyP95Ms,
    double? GatewayProcessingMs,
    double? GatewayProcessingP99Ms,
    double? CarrierLagMs,
    double? SetupMs,
    double? JitterMs,
    double? PacketLossPercent,
    double? Mos,
    int Interruptions);
