namespace Telepath.Media.Sip.Parsing;

/// <summary>How message boundaries are found (RFC 3261 §18.3).</summary>
internal enum SipFraming
{
    /// <summary>UDP: the datagram is exactly one message; Content-Length is optional and may not exceed the datagram.</summary>
    Datagram,

    /// <summary>TCP/TLS: Content-Length is mandatory and delimits the message; more bytes may follow.</summary>
    Stream,
}
