namespace Telepath.Media.Sip.UserAgent;

/// <summary>What a session refresh request (INVITE, re-INVITE, UPDATE) gets from <see cref="SessionTimerNegotiator"/>.</summary>
internal enum SessionTimerDecisionKind
{
    /// <summary>No session timer for this dialog (the caller neither asked nor supports it, or we cannot honour it).</summary>
    None,

    /// <summary>A session timer with the decided interval and refresher; the 2xx carries Session-Expires.</summary>
    Use,

    /// <summary>The proposed interval is below our Min-SE: 422 Session Interval Too Small (RFC 4028 §6).</summary>
    TooSmall,

    /// <summary>Session-Expires or Min-SE does not parse: 400.</summary>
    Malformed,
}
