namespace Telepath.Media.Sdp;

/// <summary>
/// The <c>o=</c> line (RFC 4566 §5.2). The address stays a string because an origin may carry a host name,
/// and it is never used to send media.
/// </summary>
/// <param name="Username">The originator's login, or <c>-</c>.</param>
/// <param name="SessionId">Numeric session id, kept verbatim.</param>
/// <param name="SessionVersion">Incremented by the originator each time the description changes (RFC 3264 §8).</param>
/// <param name="NetworkType">Normally <c>IN</c>.</param>
/// <param name="AddressType"><c>IP4</c> or <c>IP6</c>.</param>
/// <param name="Address">Unicast address or host name of the originating machine.</param>
public sealed record SdpOrigin(
    string Username,
    string SessionId,
    ulong SessionVersion,
    string NetworkType,
    string AddressType,
    string Address);
