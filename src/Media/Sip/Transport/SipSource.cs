namespace Telepath.Media.Sip.Transport;

/// <summary>A transport and a peer on it: where a request came from, or where a message is sent.</summary>
/// <param name="Transport">The transport.</param>
/// <param name="Peer">The remote peer.</param>
internal readonly record struct SipSource(ISipTransport Transport, SipPeer Peer);
