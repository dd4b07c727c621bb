using System.Globalization;
using System.Net;

namespace Telepath.Media.Sdp;

/// <summary>Field-level parsing of <c>o=</c>, <c>c=</c>, <c>t=</c>, <c>b=</c> and <c>a=</c> values for <see cref="SdpParser"/>.</summary>
public static partial class SdpParser
{
    private static SdpOrigin? ParseOrigin(string value)
    {
        // RFC 4566 §5.2: o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>
        var fields = value.Split(s_space, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6
            || !ulong.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return null;
        }

        return new SdpOrigin(fields[0], fields[1], version, fields[3], fields[4], fields[5]);
    }

    private static SdpConnection? ParseConnection(string value)
    {
        // RFC 4566 §5.7: c=<nettype> <addrtype> <connection-address>; we accept only literal IN addresses.
        var fields = value.Split(s_space, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 3 || !string.Equals(fields[0], "IN", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var addressText = fields[2].AsSpan();
        string? suffix = null;
        var slash = addressText.IndexOf('/');
        if (slash >= 0)
        {
            suffix = addressText[(slash + 1)..].ToString();
            addressText = addressText[..slash];
        }

        IPAddress? address;
        if (string.Equals(fields[1], "IP4", StringComparison.OrdinalIgnoreCase))
        {
            address = SdpAddress.ParseIPv4(addressText);
        }
        else if (string.Equals(fields[1], "IP6", StringComparison.OrdinalIgnoreCase))
        {
            address = SdpAddress.ParseIPv6(addressText);
        }
        else
        {
            return null;
        }

        return address is null ? null : new SdpConnection(address, suffix);
    }

    private static SdpTiming? ParseTiming(string value)
    {
        var fields = value.Split(s_space, StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == 2
            && ulong.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && ulong.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var stop)
                ? new SdpTiming(start, stop)
                : null;
    }

    private static SdpParseError AddBandwidth(List<SdpBandwidth> bandwidths, string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0
            || !long.TryParse(value.AsSpan(colon + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return SdpParseError.InvalidBandwidth;
        }

        bandwidths.Add(new SdpBandwidth(value[..colon], amount));
        return SdpParseError.None;
    }

    private static SdpParseError AddAttribute(List<SdpAttribute> attributes, string value)
    {
        // RFC 4566 §5.13: a=<attribute> or a=<attribute>:<value>.
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? value : value[..colon];
        if (name.Length == 0 || name.Contains(' ', StringComparison.Ordinal))
        {
            return SdpParseError.MalformedLine;
        }

        attributes.Add(colon < 0 ? new SdpAttribute(name) : new SdpAttribute(name, value[(colon + 1)..]));
        return SdpParseError.None;
    }
}
