using System.Text.Json;

namespace Telepath.Media.Agents.OpenAi;

/// <summary>The GA <c>session.update</c> (research §1.3–1.4).</summary>
internal sealed partial class OpenAiAgentConnection
{
    private void WriteSessionUpdate(Utf8JsonWriter writer)
    {
        ReadOnlySpan<byte> format = Context.CarrierCodec == AgentAudioFormat.ALaw8000 ? "audio/pcma"u8 : "audio/pcmu"u8;
        writer.WriteStartObject();
        writer.WriteString("type"u8, "session.update"u8);
        writer.WriteStartObject("session"u8);
        writer.WriteString("type"u8, "realtime"u8);
        writer.WriteString("model"u8, _settings.Model ?? _options.DefaultModel);
        if (!string.IsNullOrEmpty(_settings.SystemPrompt))
        {
            writer.WriteString("instructions"u8, _settings.SystemPrompt);
        }

        writer.WriteStartArray("output_modalities"u8);
        writer.WriteStringValue("audio"u8);
        writer.WriteEndArray();
        writer.WriteStartObject("audio"u8);

        writer.WriteStartObject("input"u8);
        writer.WriteStartObject("format"u8);
        writer.WriteString("type"u8, format);
        writer.WriteEndObject();
        writer.WriteStartObject("turn_detection"u8);
        writer.WriteString("type"u8, "server_vad"u8);
        writer.WriteNumber("threshold"u8, _options.VadThreshold);
        writer.WriteNumber("prefix_padding_ms"u8, _options.VadPrefixPaddingMs);
        writer.WriteNumber("silence_duration_ms"u8, _options.VadSilenceDurationMs);
        writer.WriteBoolean("create_response"u8, true);
        writer.WriteBoolean("interrupt_response"u8, true);
        writer.WriteEndObject();
        writer.WriteEndObject();

        writer.WriteStartObject("output"u8);
        writer.WriteStartObject("format"u8);
        writer.WriteString("type"u8, format);
        writer.WriteEndObject();
        writer.WriteString("voice"u8, _settings.Voice ?? _options.DefaultVoice);
        writer.WriteEndObject();

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
