namespace Telepath.Media.Sip.Parsing;

/// <summary>What <see cref="SipStreamFramer"/> found at the front of a stream buffer.</summary>
internal enum SipFrameKind
{
    /// <summary>A complete message.</summary>
    Message,

    /// <summary>An RFC 5626 §3.5.1 keep-alive ping (CRLFCRLF); the transport answers with a single CRLF pong.</summary>
    KeepAlivePing,

    /// <summary>Not enough bytes yet; advance by <see cref="SipFrame.Consumed"/> (skipped CRLFs) and read more.</summary>
    Incomplete,

    /// <summary>The stream is corrupt or over a limit; the transport should close the connection.</summary>
    Invalid,
}
