namespace Telepath.Media.Edge;

/// <summary>
/// The measured figures of one call (spec §6 <c>metrics</c>); each is null when it could not be measured.
/// </summary>
/// <param name="AiLatencyMs">Average over agent turns of caller end of speech → first agent audio.</param>
/// <param name="AiLatencyP95Ms">95th percentile of the same.</param>
/// <param name="GatewayProcessingMs">Average time our code held audio (packet arrival → frame handed to the socket), both directions.</param>
/// <param name="GatewayProcessingP99Ms">99th percentile of the same.</param>
/// <param name="CarrierLagMs">One-way delay to the carrier's media (RTCP RTT / 2, else 200 OK → first RTP).</param>
/// <param name="SetupMs">INVITE received → 200 OK sent.</param>
/// <param name="JitterMs">Mean RFC 3550 interarrival jitter of the carrier's stream.</param>
/// <param name="PacketLossPercent">Lost carrier packets as a percentage of expected ones.</param>
/// <param name="Mos">E-model estimate, 1–5.</param>
/// <param name="Interruptions">Caller barge-ins honoured.</param>
public sealed record CallMetrics(
    double? AiLatencyMs,
    double? AiLatencyP95Ms,
    double? GatewayProcessingMs,
    double? GatewayProcessingP99Ms,
    double? CarrierLagMs,
    double? SetupMs,
    double? JitterMs,
    double? PacketLossPercent,
    double? Mos,
    int Interruptions)
{
    /// <summary>Nothing measured yet.</summary>
    public static CallMetrics Empty { get; } = new(null, null, null, null, null, null, null, null, null, 0);
}
