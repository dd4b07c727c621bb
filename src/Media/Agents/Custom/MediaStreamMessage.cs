using System.Text.Json;

namespace Telepath.Media.Agents.Custom;

/// <summary>
/// The fields Telepath reads from a bot's Twilio Media Streams message ([TW-MS] §3.2: <c>media</c>, <c>mark</c>,
/// <c>clear</c>), parsed in one pass without allocating. Spans point into the message or into the caller's scratch.
/// </summary>
internal ref struct MediaStreamMessage
{
    /// <summary>The <c>event</c> value.</summary>
    public ReadOnlySpan<byte> Event;

    /// <summary>The base64 <c>media.payload</c>.</summary>
    public ReadOnlySpan<byte> Payload;

    /// <summary>The <c>mark.name</c>.</summary>
    public ReadOnlySpan<byte> MarkName;

    private const int ParentNone = 0;
    private const int ParentMedia = 1;
    private const int ParentMark = 2;

    /// <summary>Parses one message; false for malformed JSON or a non-object.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, ref byte[]? scratch, out MediaStreamMessage message)
    {
        message = default;
        int scratchUsed = 0;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
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
                    if (reader.ValueTextEquals("event"u8))
                    {
                        reader.Read();
                        message.Event = JsonText.GetUtf8(ref reader, json.Length, ref scratch, ref scratchUsed);
                    }
                    else if (reader.ValueTextEquals("media"u8) || reader.ValueTextEquals("mark"u8))
                    {
                        int candidate = reader.ValueTextEquals("media"u8) ? ParentMedia : ParentMark;
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
                else if (parent == ParentMedia && reader.ValueTextEquals("payload"u8))
                {
                    reader.Read();
                    message.Payload = JsonText.GetUtf8(ref reader, json.Length, ref scratch, ref scratchUsed);
                }
                else if (parent == ParentMark && reader.ValueTextEquals("name"u8))
                {
                    reader.Read();
                    message.MarkName = JsonText.GetUtf8(ref reader, json.Length, ref scratch, ref scratchUsed);
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
