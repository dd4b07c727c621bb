namespace Telepath.Grains.Abstractions.Calls;

/// <summary>
/// A call's measured figures (spec §6 <c>metrics</c>), each null when not measurable. The grain-side twin of the media
/// engine's <c>CallMetrics</c> (Telepath.Grains does not reference Telepath.Media).
/// </summary>
/// <param name="AiLatencyMs">Average over agent turns of caller end of speech → first agent audio.</param>
/// <param name="AiLatencyP95Ms">95th percentile of the same.</param>
/// <param name="GatewayProcessingMs">Average time our code held audio.</param>
/// <param name="GatewayProcessingP99Ms">99th percentile of the same.</param>
/// <param name="CarrierLagMs">One-way delay to the carrier's media.</param>
/// <param name="SetupMs">INVITE received → 200 OK sent.</param>
/// <param name="JitterMs">Mean interarrival jitter of the carrier's stream.</param>
/// <param name="PacketLossPercent">Lost carrier packets, percent of expected.</param>
/// <param name="Mos">E-model estimate, 1–5.</param>
/// <param name="Interruptions">Caller barge-ins honoured.</param>
[GenerateSerializer, Immutable, Alias("telepath.CallMetricsData")]
public sealed record CallMetricsData(
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
    public static CallMetricsData Empty { get; } = new(null, null, null, null, null, null, null, null, null, 0);
}
