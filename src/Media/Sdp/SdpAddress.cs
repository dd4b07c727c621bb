using System.Net;
using System.Net.Sockets;

namespace Telepath.Media.Sdp;

/// <summary>
/// Strict literal-address parsing for <c>c=</c> lines. <see cref="IPAddress.TryParse(string, out IPAddress)"/> alone
/// also accepts shorthand such as <c>1</c>, <c>0x7f.1</c> or a scope id, which have no place in SDP (RFC 4566 §9 grammar).
/// </summary>
internal static class SdpAddress
{
    /// <summary>Parses a dotted-quad IPv4 literal; null when it is anything else.</summary>
    public static IPAddress? ParseIPv4(ReadOnlySpan<char> text)
    {
        var dots = 0;
        var digits = 0;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (digits == 0)
                {
                    return null;
                }

                dots++;
                digits = 0;
            }
            else if (c is >= '0' and <= '9' && digits < 3)
            {
                digits++;
            }
            else
            {
                return null;
            }
        }

        return dots == 3 && digits > 0
            && IPAddress.TryParse(text, out var address)
            && address.AddressFamily == AddressFamily.InterNetwork
                ? address
                : null;
    }

    /// <summary>Parses an IPv6 literal without zone id; null when it is anything else.</summary>
    public static IPAddress? ParseIPv6(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text.Length > 45 || text.IndexOf(':') < 0)
        {
            return null;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c) && c != ':' && c != '.')
            {
                return null;
            }
        }

        return IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6
            ? address
            : null;
    }
}
