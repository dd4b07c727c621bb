using System.Text;

namespace Telepath.Media.Sip.Auth;

/// <summary>One <c>Digest</c> challenge (RFC 7616 §3.3), always with <c>qop="auth"</c> because we require qop.</summary>
/// <param name="Realm">Protection space shown to the user; for us the trunk's SIP domain.</param>
/// <param name="Nonce">A nonce from <see cref="NonceSource"/>.</param>
/// <param name="Algorithm">The algorithm offered.</param>
/// <param name="Opaque">Optional opaque value the client must echo.</param>
/// <param name="Stale">True when the previous request failed only because its nonce expired (RFC 7616 §3.3).</param>
public sealed record DigestChallenge(string Realm, string Nonce, DigestAlgorithm Algorithm, string? Opaque = null, bool Stale = false)
{
    /// <summary>
    /// The header values to send, one header line each: SHA-256 first, then MD5. RFC 7616 §3.7 and RFC 8760 §2.4
    /// ask servers to list challenges in order of preference; clients use the first algorithm they support.
    /// </summary>
    public static string[] CreateHeaderValues(string realm, string nonce, string? opaque = null, bool stale = false) =>
    [
        new DigestChallenge(realm, nonce, DigestAlgorithm.Sha256, opaque, stale).ToHeaderValue(),
        new DigestChallenge(realm, nonce, DigestAlgorithm.Md5, opaque, stale).ToHeaderValue(),
    ];

    /// <summary>The header value, e.g. <c>Digest realm="x", nonce="y", algorithm=SHA-256, qop="auth"</c>.</summary>
    public string ToHeaderValue()
    {
        var builder = new StringBuilder(160);
        builder.Append("Digest realm=");
        AppendQuoted(builder, Realm);
        builder.Append(", nonce=");
        AppendQuoted(builder, Nonce);
        if (Opaque is not null)
        {
            builder.Append(", opaque=");
            AppendQuoted(builder, Opaque);
        }

        builder.Append(", algorithm=").Append(Algorithm.ToToken());
        builder.Append(", qop=\"auth\"");
        if (Stale)
        {
            builder.Append(", stale=true");
        }

        return builder.ToString();
    }

    /// <summary>RFC 3261 §25.1 quoted-string: backslash-escape quote and backslash.</summary>
    private static void AppendQuoted(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        builder.Append('"');
    }
}
