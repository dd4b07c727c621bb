using System.Net;

namespace Telepath.Media.Sip.Transport;

/// <summary>
/// The seam between sockets and the SIP stack: bytes in through <see cref="ISipTransportReceiver"/>, bytes out
/// through <see cref="Send"/>. Parsing, Via stamping and routing live above it, so a test can swap in a loop
/// transport and a socket transport never sees a SIP object.
/// </summary>
public interface ISipTransport : IAsyncDisposable
{
    /// <summary>Gets the transport protocol.</summary>
    SipTransportProtocol Protocol { get; }

    /// <summary>Gets the bound local address (with the real port when bound to port 0).</summary>
    IPEndPoint LocalEndPoint { get; }

    /// <summary>Starts the receive loop; messages go to <paramref name="receiver"/>.</summary>
    /// <param name="receiver">The stack's receiver.</param>
    void Start(ISipTransportReceiver receiver);

    /// <summary>
    /// Queues <paramref name="message"/> for <paramref name="peer"/> without blocking. On a stream transport the
    /// connection named by <see cref="SipPeer.ConnectionId"/> is used, else one to the address, else a new one.
    /// </summary>
    /// <param name="peer">The destination.</param>
    /// <param name="message">One whole serialized message; the transport may keep the memory until sent.</param>
    /// <returns>False when the message could not be queued (closed, queue full, too many connections).</returns>
    bool Send(SipPeer peer, ReadOnlyMemory<byte> message);
}
