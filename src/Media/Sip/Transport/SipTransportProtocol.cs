namespace Telepath.Media.Sip.Transport;

/// <summary>The transport a SIP message travelled on (RFC 3261 §18).</summary>
public enum SipTransportProtocol
{
    /// <summary>Unreliable datagrams: the transaction layer retransmits (RFC 3261 §17).</summary>
    Udp,

    /// <summary>A reliable stream framed by Content-Length (RFC 3261 §18.3).</summary>
    Tcp,
}
