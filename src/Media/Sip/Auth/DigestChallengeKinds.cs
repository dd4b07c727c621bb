namespace Telepath.Media.Sip.Auth;

/// <summary>Header names and status codes for each <see cref="DigestChallengeKind"/> (RFC 3261 §22.2, §22.3).</summary>
public static class DigestChallengeKinds
{
    /// <summary>The response status code: 401 or 407.</summary>
    public static int StatusCode(this DigestChallengeKind kind) =>
        kind == DigestChallengeKind.ProxyAuthenticate ? 407 : 401;

    /// <summary>The reason phrase for <see cref="StatusCode"/>.</summary>
    public static string ReasonPhrase(this DigestChallengeKind kind) =>
        kind == DigestChallengeKind.ProxyAuthenticate ? "Proxy Authentication Required" : "Unauthorized";

    /// <summary>The header that carries the challenge.</summary>
    public static string ChallengeHeaderName(this DigestChallengeKind kind) =>
        kind == DigestChallengeKind.ProxyAuthenticate ? "Proxy-Authenticate" : "WWW-Authenticate";

    /// <summary>The request header in which the client answers the challenge.</summary>
    public static string CredentialsHeaderName(this DigestChallengeKind kind) =>
        kind == DigestChallengeKind.ProxyAuthenticate ? "Proxy-Authorization" : "Authorization";
}
