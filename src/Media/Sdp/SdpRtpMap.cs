using System.Globalization;

namespace Telepath.Media.Sdp;

/// <summary>An <c>a=rtpmap:</c> value (RFC 4566 §6): <c>&lt;pt&gt; &lt;encoding&gt;/&lt;clock&gt;[/&lt;channels&gt;]</c>.</summary>
/// <param name="PayloadType">RTP payload type, 0–127.</param>
/// <param name="EncodingName">Encoding name, case preserved (compare case-insensitively).</param>
/// <param name="ClockRate">RTP clock rate in Hz.</param>
/// <param name="Channels">Channel count, or null when absent (meaning one).</param>
public sealed record SdpRtpMap(int PayloadType, string EncodingName, int ClockRate, int? Channels = null)
{
    /// <summary>The attribute value, e.g. <c>0 PCMU/8000</c>.</summary>
    public string ToAttributeValue() => Channels is { } channels
        ? string.Create(CultureInfo.InvariantCulture, $"{PayloadType} {EncodingName}/{ClockRate}/{channels}")
        : string.Create(CultureInfo.InvariantCulture, $"{PayloadType} {EncodingName}/{ClockRate}");

    /// <summary>Parses an rtpmap attribute value; false (never an exception) when malformed.</summary>
    public static bool TryParse(string value, out SdpRtpMap? rtpMap)
    {
        rtpMap = null;
        var span = value.AsSpan().Trim();
        var space = span.IndexOf(' ');
        if (space <= 0 || !TryParsePayloadType(span[..space], out var payloadType))
        {
            return false;
        }

        var encoding = span[(space + 1)..].Trim();
        var slash = encoding.IndexOf('/');
        if (slash <= 0)
        {
            return false;
        }

        var name = encoding[..slash];
        var rest = encoding[(slash + 1)..];
        int? channels = null;
        var secondSlash = rest.IndexOf('/');
        if (secondSlash >= 0)
        {
            if (!int.TryParse(rest[(secondSlash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                || count is < 1 or > 255)
            {
                return false;
            }

            channels = count;
            rest = rest[..secondSlash];
        }

        if (!int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var clockRate) || clockRate <= 0)
        {
            return false;
        }

        rtpMap = new SdpRtpMap(payloadType, name.ToString(), clockRate, channels);
        return true;
    }

    /// <summary>Parses an RTP payload type number (0–127) as used in m= format lists.</summary>
    public static bool TryParsePayloadType(ReadOnlySpan<char> text, out int payloadType) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out payloadType)
        && payloadType is >= 0 and <= 127
        && text.Length <= 3;
}
