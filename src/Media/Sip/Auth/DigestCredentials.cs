using System.Globalization;

namespace Telepath.Media.Sip.Auth;

/// <summary>
/// The parameters of an <c>Authorization</c> or <c>Proxy-Authorization</c> Digest header (RFC 7616 §3.4,
/// RFC 3261 §22.4). Values are unescaped; nothing is validated beyond syntax.
/// </summary>
/// <param name="Username">The user name.</param>
/// <param name="Realm">The realm the client answered.</param>
/// <param name="Nonce">The nonce the client used.</param>
/// <param name="Uri">The digest-uri the client hashed.</param>
/// <param name="Response">The request digest in hex.</param>
public sealed record DigestCredentials(string Username, string Realm, string Nonce, string Uri, string Response)
{
    /// <summary>The algorithm token as sent, or null (meaning MD5).</summary>
    public string? Algorithm { get; init; }

    /// <summary>The client nonce; required with qop.</summary>
    public string? Cnonce { get; init; }

    /// <summary>The opaque value echoed from the challenge.</summary>
    public string? Opaque { get; init; }

    /// <summary>The qop value, <c>auth</c> for us.</summary>
    public string? Qop { get; init; }

    /// <summary>The nonce count as sent (8 hex digits); required with qop.</summary>
    public string? NonceCount { get; init; }

    /// <summary>True when the client sent <c>userhash=true</c> (RFC 7616 §3.4.4), which we do not support.</summary>
    public bool UserHash { get; init; }

    /// <summary>The nonce count as a number, or 0 when absent or not 8 hex digits.</summary>
    public uint NonceCountValue =>
        NonceCount is { Length: 8 } text
        && uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            ? value
            : 0;

    /// <summary>Identifies the credentials without the response digest, which must not reach logs.</summary>
    public override string ToString() => $"DigestCredentials {{ Username = {Username}, Realm = {Realm}, Algorithm = {Algorithm ?? "MD5"}, Response = [redacted] }}";
}
