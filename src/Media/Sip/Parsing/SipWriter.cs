using System.Buffers;
using System.Globalization;
using System.Text;
using Telepath.Media.Sip.Message;

namespace Telepath.Media.Sip.Parsing;

/// <summary>
/// Serialises messages: start line, one line per header field with its full name, a Content-Length computed from
/// the body, an empty line, and the body. CRLF line ends throughout (RFC 3261 §7).
/// </summary>
internal static class SipWriter
{
    /// <summary>Writes <paramref name="message"/> to <paramref name="writer"/>.</summary>
    public static void Write(SipMessage message, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(writer);
        switch (message)
        {
            case SipRequest request:
                WriteText(writer, request.Method.Name);
                WriteAscii(writer, " "u8);
                WriteText(writer, request.RawRequestUri);
                WriteAscii(writer, " "u8);
                WriteText(writer, request.Version);
                break;
            case SipResponse response:
                WriteText(writer, response.Version);
                WriteAscii(writer, " "u8);
                WriteNumber(writer, response.StatusCode);
                WriteAscii(writer, " "u8);
                WriteText(writer, response.ReasonPhrase);
                break;
            default:
                throw new ArgumentException("Unknown message type.", nameof(message));
        }

        WriteAscii(writer, "\r\n"u8);

        // RFC 3261 §18.3 (and §20.14): Content-Length must be right, so it is always derived from the body. It is
        // emitted where the first one stood, or last, and any stale duplicates are dropped.
        bool contentLengthWritten = false;
        foreach (SipHeaderField field in message.Headers)
        {
            if (string.Equals(field.Name, SipHeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase))
            {
                if (!contentLengthWritten)
                {
                    WriteContentLength(writer, message.Body.Length);
                    contentLengthWritten = true;
                }

                continue;
            }

            WriteText(writer, field.Name);
            WriteAscii(writer, ": "u8);
            WriteText(writer, field.Value);
            WriteAscii(writer, "\r\n"u8);
        }

        if (!contentLengthWritten)
        {
            WriteContentLength(writer, message.Body.Length);
        }

        WriteAscii(writer, "\r\n"u8);
        if (!message.Body.IsEmpty)
        {
            writer.Write(message.Body.Span);
        }
    }

    /// <summary>The wire bytes of <paramref name="message"/>.</summary>
    public static byte[] ToBytes(SipMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        Write(message, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The wire text of <paramref name="message"/>, for traces and tests (the body is decoded as UTF-8).</summary>
    public static string ToText(SipMessage message) => Encoding.UTF8.GetString(ToBytes(message));

    private static void WriteContentLength(IBufferWriter<byte> writer, int length)
    {
        WriteAscii(writer, "Content-Length: "u8);
        WriteNumber(writer, length);
        WriteAscii(writer, "\r\n"u8);
    }

    private static void WriteAscii(IBufferWriter<byte> writer, ReadOnlySpan<byte> bytes) => writer.Write(bytes);

    private static void WriteText(IBufferWriter<byte> writer, string text)
    {
        // Header values never contain CR or LF (the parser rejects them), but a caller might set one; writing it
        // raw would let one header inject others, so line breaks are flattened to spaces.
        if (text.AsSpan().ContainsAny('\r', '\n'))
        {
            text = text.Replace('\r', ' ').Replace('\n', ' ');
        }

        Encoding.UTF8.GetBytes(text.AsSpan(), writer);
    }

    private static void WriteNumber(IBufferWriter<byte> writer, int value)
    {
        Span<byte> span = writer.GetSpan(11);
        value.TryFormat(span, out int written, default, CultureInfo.InvariantCulture);
        writer.Advance(written);
    }
}
