using System.Globalization;
using System.Text;
using Telepath.Media.Sip.Message;

namespace Telepath.Media.Sip.Dialogs;

/// <summary>
/// Parses the DTMF bodies of SIP INFO that carriers send when they do not use RFC 4733 events:
/// <c>application/dtmf-relay</c> (<c>Signal=5\r\nDuration=160</c>, the de facto format) and <c>application/dtmf</c>
/// (the digit alone, as some PBXs send it).
/// </summary>
internal static class DtmfRelay
{
    /// <summary>The content type.</summary>
    public const string ContentType = "application/dtmf-relay";

    /// <summary>The bare-digit content type.</summary>
    public const string BareContentType = "application/dtmf";

    /// <summary>Reads a body of <paramref name="contentType"/>; false for other types or no valid digit.</summary>
    public static bool TryParse(string? contentType, ReadOnlySpan<byte> body, out char digit, out int durationMs)
    {
        digit = '\0';
        durationMs = DefaultDurationMs;
        if (MediaType.Is(contentType, ContentType))
        {
            return TryParseRelay(body, out digit, out durationMs);
        }

        if (!MediaType.Is(contentType, BareContentType))
        {
            return false;
        }

        ReadOnlySpan<char> text = Encoding.UTF8.GetString(body).AsSpan().Trim();
        if (text.Length == 1 && IsDigit(char.ToUpperInvariant(text[0])))
        {
            digit = char.ToUpperInvariant(text[0]);
            return true;
        }

        return false;
    }

    /// <summary>Default duration when the body has none, in milliseconds.</summary>
    public const int DefaultDurationMs = 160;

    /// <summary>Reads an application/dtmf-relay body's digit (0-9, *, #, A-D) and duration; false without a valid Signal line.</summary>
    private static bool TryParseRelay(ReadOnlySpan<byte> body, out char digit, out int durationMs)
    {
        digit = '\0';
        durationMs = DefaultDurationMs;
        string text = Encoding.UTF8.GetString(body);
        foreach (string rawLine in text.Split('\n'))
        {
            ReadOnlySpan<char> line = rawLine.AsSpan().Trim();
            int equals = line.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            ReadOnlySpan<char> name = line[..equals].Trim();
            ReadOnlySpan<char> value = line[(equals + 1)..].Trim();
            if (name.Equals("Signal", StringComparison.OrdinalIgnoreCase) && value.Length == 1 && IsDigit(char.ToUpperInvariant(value[0])))
            {
                digit = char.ToUpperInvariant(value[0]);
            }
            else if (name.Equals("Duration", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int duration) && duration is > 0 and < 60_000)
            {
                durationMs = duration;
            }
        }

        return digit != '\0';
    }

    private static bool IsDigit(char c) => c is (>= '0' and <= '9') or '*' or '#' or (>= 'A' and <= 'D');
}
