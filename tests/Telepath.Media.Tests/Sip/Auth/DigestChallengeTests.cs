using Telepath.Media.Sip.Auth;

namespace Telepath.Media.Tests.Sip.Auth;

/// <summary>Challenge header values (RFC 7616 §3.3, RFC 8760, RFC 3261 §22).</summary>
public sealed class DigestChallengeTests
{
    /// <summary>RFC 8760 §2.4 / RFC 7616 §3.7: challenges listed by preference, SHA-256 before MD5, both qop=auth.</summary>
    [Fact]
    public void Offers_sha256_then_md5_with_qop_auth()
    {
        var values = DigestChallenge.CreateHeaderValues("sip.example.com", "abc");

        Assert.Equal(
            [
                "Digest realm=\"sip.example.com\", nonce=\"abc\", algorithm=SHA-256, qop=\"auth\"",
                "Digest realm=\"sip.example.com\", nonce=\"abc\", algorithm=MD5, qop=\"auth\"",
            ],
            values);
    }

    [Fact]
    public void Stale_and_opaque_are_included_when_set()
    {
        var value = new DigestChallenge("r", "n", DigestAlgorithm.Md5, Opaque: "op", Stale: true).ToHeaderValue();

        Assert.Equal("Digest realm=\"r\", nonce=\"n\", opaque=\"op\", algorithm=MD5, qop=\"auth\", stale=true", value);
    }

    [Fact]
    public void Quotes_and_backslashes_in_the_realm_are_escaped_and_parse_back()
    {
        var value = new DigestChallenge("a\"b\\c", "n", DigestAlgorithm.Sha256).ToHeaderValue();

        Assert.StartsWith("Digest realm=\"a\\\"b\\\\c\"", value, StringComparison.Ordinal);
        var echoed = value.Replace("algorithm=SHA-256, qop=\"auth\"", "username=\"u\", uri=\"sip:x\", response=\"0\"", StringComparison.Ordinal);
        Assert.True(DigestCredentialsParser.TryParse(echoed, out var credentials, out _));
        Assert.Equal("a\"b\\c", credentials.Realm);
    }

    /// <summary>RFC 3261 §22.1/§22.3: a UAS challenges with 401 + WWW-Authenticate, a proxy with 407 + Proxy-Authenticate.</summary>
    [Theory]
    [InlineData(DigestChallengeKind.WwwAuthenticate, 401, "WWW-Authenticate", "Authorization")]
    [InlineData(DigestChallengeKind.ProxyAuthenticate, 407, "Proxy-Authenticate", "Proxy-Authorization")]
    public void Challenge_kinds_map_to_status_and_headers(DigestChallengeKind kind, int status, string challenge, string credentials)
    {
        Assert.Equal(status, kind.StatusCode());
        Assert.Equal(challenge, kind.ChallengeHeaderName());
        Assert.Equal(credentials, kind.CredentialsHeaderName());
        Assert.False(string.IsNullOrEmpty(kind.ReasonPhrase()));
    }
}
