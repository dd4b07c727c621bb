namespace Telepath.Media.Sip.Parsing;

/// <summary>Outcome of one parse attempt.</summary>
internal enum SipParseStatus
{
    /// <summary>A whole message was parsed; see <see cref="SipParseResult.Message"/> and <see cref="SipParseResult.Consumed"/>.</summary>
    Complete,

    /// <summary>Stream framing only: more bytes are needed; nothing was consumed.</summary>
    Incomplete,

    /// <summary>The bytes are not a SIP message (or exceed a limit); see <see cref="SipParseResult.Error"/>.</summary>
    Invalid,
}
