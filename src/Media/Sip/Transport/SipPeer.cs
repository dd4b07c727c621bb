using System.Net;

namespace Telepath.Media.Sip.Transport;

/// <summary>
/// Where a message came from or goes to: the transport, the remote address and, for connection-oriented
/// transports, the connection it arrived on (0 when none), so a response can reuse it (RFC 3261 §18.2.2).
/// </summary>
/// <param name="Protocol">The transport.</param>
/// <param name="EndPoint">The remote address and port.</param>
/// <param name="ConnectionId">The transport's id of the connection, or 0.</param>
public readonly record struct SipPeer(SipTransportProtocol Protocol, IPEndPoint EndPoint, long ConnectionId = 0);
