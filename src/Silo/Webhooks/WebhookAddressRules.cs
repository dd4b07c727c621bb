using System.Net;
using System.Net.Sockets;

namespace Telepath.Silo.Webhooks;

/// <summary>
/// Which IP addresses a webhook may reach: only globally routable unicast. Refused are loopback (unless allowed),
/// private (RFC 1918, RFC 6598 shared, fc00::/7 unique-local), link-local (169.254/16, fe80::/10, which holds cloud
/// metadata services), unspecified, multicast, broadcast, reserved and documentation ranges, and IPv6 forms that
/// embed one of those IPv4 addresses (::ffff:0:0/96 mapped, ::/96 compatible, 64:ff9b::/96 NAT64).
/// </summary>
internal static class WebhookAddressRules
{
    /// <summary>Null when <paramref name="address"/> may be reached, else why not.</summary>
    public static string? Refusal(IPAddress address, bool allowLoopback)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv4MappedToIPv6)
            {
                return Refusal(address.MapToIPv4(), allowLoopback);
            }

            return RefusalV6(address, allowLoopback);
        }

        return address.AddressFamily == AddressFamily.InterNetwork ? RefusalV4(address, allowLoopback) : "not an IP address";
    }

    private static string? RefusalV4(IPAddress address, bool allowLoopback)
    {
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        return b[0] switch
        {
            127 => allowLoopback ? null : "loopback address",
            0 => "unspecified address",
            10 => "private address",
            100 when (b[1] & 0xC0) == 64 => "shared (carrier-grade NAT) address",
            169 when b[1] == 254 => "link-local address",
            172 when (b[1] & 0xF0) == 16 => "private address",
            192 when b[1] == 168 => "private address",
            192 when b[1] == 0 && b[2] == 0 => "reserved address",
            192 when b[1] == 0 && b[2] == 2 => "documentation address",
            198 when (b[1] & 0xFE) == 18 => "benchmarking address",
            198 when b[1] == 51 && b[2] == 100 => "documentation address",
            203 when b[1] == 0 && b[2] == 113 => "documentation address",
            >= 224 and <= 239 => "multicast address",
            >= 240 => "reserved address",
            _ => null,
        };
    }

    private static string? RefusalV6(IPAddress address, bool allowLoopback)
    {
        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return allowLoopback ? null : "loopback address";
        }

        if (address.Equals(IPAddress.IPv6Any))
        {
            return "unspecified address";
        }

        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);
        if (b[0] == 0xFF)
        {
            return "multicast address";
        }

        if ((b[0] & 0xFE) == 0xFC)
        {
            return "private (unique local) address";
        }

        if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)
        {
            return "link-local address";
        }

        if (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0)
        {
            return "site-local address";
        }

        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8)
        {
            return "documentation address";
        }

        // ::/96 (IPv4-compatible) and 64:ff9b::/96 (NAT64) carry an IPv4 address in their last 32 bits.
        var compatible = b[..12].IndexOfAnyExcept((byte)0) < 0;
        var nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4..12].IndexOfAnyExcept((byte)0) < 0;
        if (compatible || nat64)
        {
            return RefusalV4(new IPAddress(b[12..]), allowLoopback) ?? (compatible ? "IPv4-compatible address" : null);
        }

        return null;
    }
}
