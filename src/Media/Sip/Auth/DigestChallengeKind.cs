namespace Telepath.Media.Sip.Auth;

/// <summary>Which SIP challenge is used (RFC 3261 §22.1, §22.3): a UAS 401 or a proxy-style 407.</summary>
public enum DigestChallengeKind
{
    /// <summary><c>401 Unauthorized</c> with <c>WWW-Authenticate</c>; the client answers with <c>Authorization</c>.</summary>
    WwwAuthenticate,

    /// <summary><c>407 Proxy Authentication Required</c> with <c>Proxy-Authenticate</c>; answered with <c>Proxy-Authorization</c>.</summary>
    ProxyAuthenticate,
}
