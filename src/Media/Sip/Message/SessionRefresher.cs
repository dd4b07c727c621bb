namespace Telepath.Media.Sip.Message;

/// <summary>Which side of a dialog sends the session refreshes (RFC 4028 §4, the <c>refresher</c> parameter).</summary>
internal enum SessionRefresher
{
    /// <summary>The caller (the side that sent the INVITE) refreshes; we only watch for refreshes.</summary>
    Uac,

    /// <summary>We refresh, with an UPDATE at half the interval.</summary>
    Uas,
}
