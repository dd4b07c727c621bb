namespace Telepath.Media.Sip.Transport;

/// <summary>Receives whole SIP messages from a transport's receive loop.</summary>
public interface ISipTransportReceiver
{
    /// <summary>
    /// Called on the transport's receive loop with exactly one message (a datagram, or one Content-Length framed
    /// message of a stream). The span is only valid during the call. Must not throw and must not block.
    /// </summary>
    /// <param name="transport">The transport it arrived on.</param>
    /// <param name="peer">The sender.</param>
    /// <param name="message">The message bytes.</param>
    void OnReceived(ISipTransport transport, SipPeer peer, ReadOnlySpan<byte> message);
}
