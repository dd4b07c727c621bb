using System.Text.Json;

namespace Telepath.Media.Agents.ElevenLabs;

/// <summary>
/// The fields Telepath reads from an ElevenLabs agent message (research §2.3), parsed in one pass without allocating.
/// Every payload object (<c>audio_event</c>, <c>ping_event</c>, …) has distinct field names, so fields are matched by
/// name one level down whatever the parent.
/// </summary>
internal ref struct ConvaiServerMessage
{
    /// <summary>The message <c>type</c>.</summary>
    public ReadOnlySpan<byte> Type;

    /// <summary>The base64 <c>audio_event.audio_base_64</c>.</summary>
    public ReadOnlySpan<byte> Audio;

    /// <summary>The <c>event_id</c> of audio, interruption and ping events.</summary>
    public long EventId;

    /// <summary>Whether <see cref="EventId"/> was present.</summary>
    public bool HasEventId;

    /// <summary>The <c>agent_output_audio_format</c> of the initiation metadata.</summary>
    public ReadOnlySpan<byte> AgentOutputFormat;

    /// <summary>The <c>user_input_audio_format</c> of the initiation metadata.</summary>
    public ReadOnlySpan<byte> UserInputFormat;

    /// <summary>The <c>user_transcript</c> or <c>agent_response</c> text.</summary>
    public ReadOnlySpan<byte> Text;

    /// <summary>The <c>tool_call_id</c> of a client tool call.</summary>
    public ReadOnlySpan<byte> ToolCallId;

    /// <summary>Parses one message; false for malformed JSON or a non-object.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, ref byte[]? scratch, out ConvaiServerMessage message)
    {
        message = default;
        int used = 0;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                if (reader.CurrentDepth == 1)
                {
                    if (reader.ValueTextEquals("type"u8))
                    {
                        reader.Read();
                        message.Type = JsonText.GetUtf8(ref reader, json.Length, ref scratch, ref used);
                    }
                    else
                    {
                        // Every other top-level object (the event's payload) is read member by member below.
                        JsonText.TryEnterObject(ref reader);
                    }

                    continue;
                }

                if (reader.ValueTextEquals("audio_base_64"u8))
                {
                    reader.Read();
                    message.Audio = JsonText.GetUtf8(ref reader, json.Length, ref scratch, ref used);
                }
                else if (reader.ValueTextEquals("event_id"u8))
                {
                    reader.Read();
                    message.HasEventId = JsonText.TryGetInt64(ref reader, out message.EventId);
                }
                else if (reader.ValueTextEquals("agent_output_audio_format"u8))
                {
                    reader.Read();
                    message.AgentOutputFormat = JsonText.GetUtf8(ref reader, json.Length, ref scratch, ref used);
                }
                else if (reader.ValueTextEquals("user_input_audio_format"u8))
                {
                    reader.Read();
                    message.UserInputFormat = JsonText.GetUtf8(ref reader, json.Length, ref scratch, ref used);
                }
                else if (reader.ValueTextEquals("user_transcript"u8) || reader.ValueTextEquals("agent_response"u8))
                {
                    reader.Read();
                    message.Text = JsonText.GetUtf8(ref reader, json.Length, ref scratch, ref used);
                }
                else if (reader.ValueTextEquals("tool_call_id"u8))
                {
                    reader.Read();
                    message.ToolCallId = JsonText.GetUtf8(ref reader, json.Length, ref scratch, ref used);
                }
                else
                {
                    JsonText.SkipValue(ref reader);
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
