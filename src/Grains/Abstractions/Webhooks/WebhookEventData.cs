using System.Buffers;
using System.Text.Json;

namespace Telepath.Grains.Abstractions.Webhooks;

/// <summary>Builds the <c>data</c> object of call events (spec §8) as JSON text for <see cref="WebhookEvent.DataJson"/>.</summary>
public static class WebhookEventData
{
    /// <summary>The prefix of event ids.</summary>
    public const string EventIdPrefix = "evt";

    /// <summary><c>call_id, trunk_id, from, to, carrier, codec</c>.</summary>
    public static string Call(string callId, string? trunkId, string? from, string? to, string? carrier, string? codec) =>
        Write(callId, trunkId, from, to, carrier, codec, ended: null);

    /// <summary>The <c>agent.connected</c> / <c>agent.disconnected</c> data: the call fields plus <c>reason</c> (null on connect).</summary>
    public static string Agent(string callId, string? trunkId, string? from, string? to, string? carrier, string? codec, string? reason) =>
        Write(callId, trunkId, from, to, carrier, codec, ended: null, reason: (reason, true));

    /// <summary>
    /// The <c>trunk.error</c> data: <c>trunk_id</c>, <c>reason</c> (the last failure's disconnect reason),
    /// <c>consecutive_failures</c> and <c>since</c> (when the trunk went into error).
    /// </summary>
    public static string TrunkError(string trunkId, string? reason, int consecutiveFailures, DateTimeOffset since)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("trunk_id", trunkId);
            writer.WriteString("status", "error");
            writer.WriteString("reason", reason);
            writer.WriteNumber("consecutive_failures", consecutiveFailures);
            writer.WriteString("since", since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// The <c>call.ended</c> data: the call fields plus <c>duration_seconds</c>, <c>disconnect_reason</c> and
    /// <c>metrics</c> (<paramref name="metricsJson"/> is a JSON object, or null).
    /// </summary>
    public static string CallEnded(string callId, string? trunkId, string? from, string? to, string? carrier, string? codec,
        double durationSeconds, string? disconnectReason, string? metricsJson) =>
        Write(callId, trunkId, from, to, carrier, codec, (durationSeconds, disconnectReason, metricsJson));

    private static string Write(string callId, string? trunkId, string? from, string? to, string? carrier, string? codec,
        (double Duration, string? Reason, string? Metrics)? ended, (string? Value, bool Present) reason = default)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("call_id", callId);
            writer.WriteString("trunk_id", trunkId);
            writer.WriteString("from", from);
            writer.WriteString("to", to);
            writer.WriteString("carrier", carrier);
            writer.WriteString("codec", codec);
            if (reason.Present)
            {
                writer.WriteString("reason", reason.Value);
            }

            if (ended is { } end)
            {
                writer.WriteNumber("duration_seconds", end.Duration);
                writer.WriteString("disconnect_reason", end.Reason);
                writer.WritePropertyName("metrics");
                if (end.Metrics is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteRawValue(end.Metrics, skipInputValidation: false);
                }
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
