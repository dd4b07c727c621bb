using System.Globalization;

namespace Telepath.Media.Sdp;

/// <summary>
/// One media description: an <c>m=</c> line (RFC 4566 §5.14) and the <c>i=</c>, <c>c=</c>, <c>b=</c>, <c>k=</c>
/// and <c>a=</c> lines that follow it. Derived values (rtpmap, fmtp, ptime, direction, rtcp) are read from the
/// attributes on demand, so the attribute list stays the single source of truth for the writer.
/// </summary>
/// <param name="Media">Media type: <c>audio</c>, <c>video</c>, <c>application</c>, ...</param>
/// <param name="Port">Transport port; 0 marks a rejected or disabled stream (RFC 3264 §6).</param>
/// <param name="PortCount">Number of ports from <c>port/count</c>, or null when absent.</param>
/// <param name="Protocol">Transport protocol, e.g. <c>RTP/AVP</c>.</param>
/// <param name="Formats">Media formats; RTP payload type numbers for RTP profiles.</param>
public sealed record SdpMediaDescription(
    string Media,
    int Port,
    int? PortCount,
    string Protocol,
    IReadOnlyList<string> Formats)
{
    /// <summary>The media-level <c>c=</c> line, or null to inherit the session's.</summary>
    public SdpConnection? Connection { get; init; }

    /// <summary>Media-level <c>b=</c> lines.</summary>
    public IReadOnlyList<SdpBandwidth> Bandwidths { get; init; } = [];

    /// <summary>Media-level <c>a=</c> lines in their original order.</summary>
    public IReadOnlyList<SdpAttribute> Attributes { get; init; } = [];

    /// <summary>Other media-level lines (<c>i=</c>, <c>k=</c>, unknown types), kept for round trips.</summary>
    public IReadOnlyList<SdpLine> OtherLines { get; init; } = [];

    /// <summary>The media-level direction attribute, or null when none is present.</summary>
    public SdpDirection? Direction
    {
        get
        {
            foreach (var attribute in Attributes)
            {
                if (attribute.Value is null && SdpDirections.TryParse(attribute.Name, out var direction))
                {
                    return direction;
                }
            }

            return null;
        }
    }

    /// <summary><c>a=ptime</c> in milliseconds (RFC 4566 §6), or null when absent or malformed.</summary>
    public int? Ptime => ParsePositiveInt(GetAttributeValue("ptime"));

    /// <summary><c>a=maxptime</c> in milliseconds, or null when absent or malformed.</summary>
    public int? MaxPtime => ParsePositiveInt(GetAttributeValue("maxptime"));

    /// <summary>The port of an RFC 3605 <c>a=rtcp:</c> attribute, or null when absent or malformed.</summary>
    public int? RtcpPort
    {
        get
        {
            var value = GetAttributeValue("rtcp");
            if (value is null)
            {
                return null;
            }

            var span = value.AsSpan().Trim();
            var space = span.IndexOf(' ');
            var portText = space < 0 ? span : span[..space];
            return int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                && port is > 0 and <= 65535
                ? port
                : null;
        }
    }

    /// <summary>The value of the first attribute named <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? GetAttributeValue(string name)
    {
        foreach (var attribute in Attributes)
        {
            if (attribute.Value is not null && string.Equals(attribute.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return attribute.Value;
            }
        }

        return null;
    }

    /// <summary>The <c>a=rtpmap</c> for payload type <paramref name="payloadType"/>, or null.</summary>
    public SdpRtpMap? GetRtpMap(int payloadType)
    {
        foreach (var attribute in Attributes)
        {
            if (attribute.Value is not null
                && string.Equals(attribute.Name, "rtpmap", StringComparison.OrdinalIgnoreCase)
                && SdpRtpMap.TryParse(attribute.Value, out var rtpMap)
                && rtpMap!.PayloadType == payloadType)
            {
                return rtpMap;
            }
        }

        return null;
    }

    /// <summary>The parameters of <c>a=fmtp:&lt;pt&gt; ...</c> for <paramref name="payloadType"/>, or null.</summary>
    public string? GetFormatParameters(int payloadType)
    {
        foreach (var attribute in Attributes)
        {
            if (attribute.Value is null || !string.Equals(attribute.Name, "fmtp", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var span = attribute.Value.AsSpan();
            var space = span.IndexOf(' ');
            if (space > 0
                && SdpRtpMap.TryParsePayloadType(span[..space], out var pt)
                && pt == payloadType)
            {
                return span[(space + 1)..].Trim().ToString();
            }
        }

        return null;
    }

    private static int? ParsePositiveInt(string? value) =>
        value is not null
        && int.TryParse(value.AsSpan().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
        && number > 0
            ? number
            : null;
}
