using System.Net;
using System.Net.Sockets;

namespace Telepath.Media.Sdp;

/// <summary>
/// A <c>c=</c> line (RFC 4566 §5.7) with network type <c>IN</c>. The parser only builds one from a literal IP address
/// that agrees with the declared address type.
/// </summary>
/// <param name="Address">The connection address.</param>
/// <param name="MulticastSuffix">The <c>/ttl[/count]</c> suffix of a multicast address, without the leading slash.</param>
public sealed record SdpConnection(IPAddress Address, string? MulticastSuffix = null)
{
    /// <summary><c>IP4</c> or <c>IP6</c>, from the address family.</summary>
    public string AddressType => Address.AddressFamily == AddressFamily.InterNetworkV6 ? "IP6" : "IP4";

    /// <summary>
    /// True for <c>0.0.0.0</c> (or <c>::</c>): the RFC 2543 way of putting a call on hold, which RFC 3264 §8.4
    /// still requires an answerer to recognise. Nothing may be sent to it.
    /// </summary>
    public bool IsHoldAddress => Address.Equals(IPAddress.Any) || Address.Equals(IPAddress.IPv6Any);
}
