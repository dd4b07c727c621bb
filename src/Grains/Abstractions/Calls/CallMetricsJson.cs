using System.Buffers;
using System.Text.Json;

namespace Telepath.Grains.Abstractions.Calls;

/// <summary>A call's <c>metrics</c> as the JSON object the API and the <c>call.ended</c> webhook show (spec §6).</summary>
public static class CallMetricsJson
{
    /// <summary>Snake-case members, nulls kept, so a receiver sees the same shape as <c>GET /v1/calls/{id}</c>.</summary>
    public static string Write(CallMetricsData metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            Number(writer, "ai_latency_ms", metrics.AiLatencyMs);
            Number(writer, "ai_latency_p95_ms", metrics.AiLatencyP95Ms);
            Number(writer, "gateway_processing_ms", metrics.GatewayProcessingMs);
            Number(writer, "gateway_processing_p99_ms", metrics.GatewayProcessingP99Ms);
            Number(writer, "carrier_lag_ms", metrics.CarrierLagMs);
            Number(writer, "setup_ms", metrics.SetupMs);
            Number(writer, "jitter_ms", metrics.JitterMs);
            Number(writer, "packet_loss_percent", metrics.PacketLossPercent);
            Number(writer, "mos", metrics.Mos);
            writer.WriteNumber("interruptions", metrics.Interruptions);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Number(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
