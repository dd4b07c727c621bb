using System.Text.Json;

namespace Telepath.Media.Agents.OpenAi;

/// <summary>
/// The fields Telepath reads from an OpenAI Realtime server event (research §1.6), parsed in one pass without
/// allocating. Spans point into the message or into the caller's scratch buffer.
/// </summary>
internal ref struct RealtimeServerMessage
{
    /// <summary>The event <c>type</c>.</summary>
    public ReadOnlySpan<byte> Type;

    /// <summary>The base64 audio of <c>response.output_audio.delta</c>.</summary>
    public ReadOnlySpan<byte> Delta;

    /// <summary>The <c>item_id</c>.</summary>
    public ReadOnlySpan<byte> ItemId;

    /// <summary>The <c>response_id</c> (deltas) or <c>response.id</c> (<c>response.created</c>/<c>.done</c>).</summary>
    public ReadOnlySpan<byte> ResponseId;

    /// <summary>The <c>transcript</c> of transcript events.</summary>
    public ReadOnlySpan<byte> Transcript;

    /// <summary>The <c>error.type</c>.</summary>
    public ReadOnlySpan<byte> ErrorType;

    /// <summary>The <c>error.code</c>.</summary>
    public ReadOnlySpan<byte> ErrorCode;

    /// <summary>The <c>error.message</c>.</summary>
    public ReadOnlySpan<byte> ErrorMessage;

    /// <summary>The <c>audio_end_ms</c> of <c>input_audio_buffer.speech_stopped</c> (input-buffer clock), or -1.</summary>
    public long AudioEndMs;

    private const int ParentNone = 0;
    private const int ParentResponse = 1;
    private const int ParentError = 2;

    /// <summary>Parses one event; false for malformed JSON or a non-object.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, ref byte[]? scratch, out RealtimeServerMessage message)
    {
        message = default;
        message.AudioEndMs = -1;
        int used = 0;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            int parent = ParentNone;
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
                    else if (reader.ValueTextEquals("delta"u8))
                    {
                        reader.Read();
                        message.Delta = JsonText.GetUtf8(ref reader, json.Length, ref scratch, ref used);
                    }
                    else if (reader.ValueTextEquals("item_id"u8))
                    {
                        reader.Read();
                        message.ItemId = JsonText.GetUtf8(ref reader, json.Length, ref scratch, ref used);
                    }
                    else if (reader.ValueTextEquals("response_id"u8))
                    {
                        reader.Read();
                        message.ResponseId = JsonText.GetUtf8(ref reader, json.Length, ref scratch, ref used);
                    }
                    else if (reader.ValueTextEquals("audio_end_ms"u8))
                    {
                        reader.Read();
                        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out message.AudioEndMs) || message.AudioEndMs < 0)
                        {
                            // A wrong type is ignored, as a missing field would be; an object or array is skipped whole.
                            message.AudioEndMs = -1;
                            reader.Skip();
                        }
                    }
                    else if (reader.ValueTextEquals("transcript"u8))
                    {
                        reader.Read();
                        message.Transcript = JsonText.GetUtf8(ref reader, json.Length, ref scratch, ref used);
                    }
                    else if (reader.ValueTextEquals("response"u8) || reader.ValueTextEquals("error"u8))
                    {
                        int candidate = reader.ValueTextEquals("response"u8) ? ParentResponse : ParentError;
                        if (JsonText.TryEnterObject(ref reader))
                        {
                            parent = candidate;
                        }
                    }
                    else
                    {
                        JsonText.SkipValue(ref reader);
                    }
                }
                else if (parent == ParentResponse && reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    message.ResponseId = JsonText.GetUtf8(ref reader, json.Length, ref scratch, ref used);
                }
                else if (parent == ParentError && reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    message.ErrorType = JsonText.GetUtf8(ref reader, json.Length, ref scratch, ref used);
                }
                else if (parent == ParentError && reader.ValueTextEquals("code"u8))
                {
                    reader.Read();
                    message.ErrorCode = JsonText.GetUtf8(ref reader, json.Length, ref scratch, ref used);
                }
                else if (parent == ParentError && reader.ValueTextEquals("message"u8))
                {
                    reader.Read();
                    message.ErrorMessage = JsonText.GetUtf8(ref reader, json.Length, ref scratch, ref used);
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
