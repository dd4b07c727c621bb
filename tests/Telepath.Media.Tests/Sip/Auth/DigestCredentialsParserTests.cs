using CsCheck;
using Telepath.Media.Sip.Auth;

namespace Telepath.Media.Tests.Sip.Auth;

/// <summary>Parsing of Authorization / Proxy-Authorization Digest values (RFC 3261 §25.1, RFC 7616 §3.4).</summary>
public sealed class DigestCredentialsParserTests
{
    private const string Rfc2617Example =
        "Digest username=\"Mufasa\", realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", " +
        "uri=\"/dir/index.html\", qop=auth, nc=00000001, cnonce=\"0a4f113b\", " +
        "response=\"6629fae49393a05397450978507c4ef1\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";

    [Fact]
    public void Parses_the_rfc_2617_example()
    {
        Assert.True(DigestCredentialsParser.TryParse(Rfc2617Example, out var credentials, out var error), error);

        Assert.Equal("Mufasa", credentials.Username);
        Assert.Equal("testrealm@host.com", credentials.Realm);
        Assert.Equal("dcd98b7102dd2f0e8b11d0f600bfb0c093", credentials.Nonce);
        Assert.Equal("/dir/index.html", credentials.Uri);
        Assert.Equal("auth", credentials.Qop);
        Assert.Equal("00000001", credentials.NonceCount);
        Assert.Equal(1U, credentials.NonceCountValue);
        Assert.Equal("0a4f113b", credentials.Cnonce);
        Assert.Equal("6629fae49393a05397450978507c4ef1", credentials.Response);
        Assert.Equal("5ccc069c403ebaf9f0171e9517f40e41", credentials.Opaque);
        Assert.Null(credentials.Algorithm);
    }

    [Fact]
    public void Accepts_any_order_case_insensitive_names_extra_whitespace_and_unknown_parameters()
    {
        const string Value = "digest   RESPONSE = \"ab\" ,URI=\"sip:bob@example.com\",Realm=\"r\" , , nonce=\"n\"," +
            "Algorithm=SHA-256,future-param=\"x\",USERNAME=\"alice\"\t";

        Assert.True(DigestCredentialsParser.TryParse(Value, out var credentials, out var error), error);

        Assert.Equal("alice", credentials.Username);
        Assert.Equal("sip:bob@example.com", credentials.Uri);
        Assert.Equal("ab", credentials.Response);
        Assert.Equal("SHA-256", credentials.Algorithm);
    }

    [Fact]
    public void Unescapes_quoted_pairs()
    {
        const string Value = "Digest username=\"al\\\"ice\\\\\", realm=\"r\", nonce=\"n\", uri=\"sip:x\", response=\"0\"";

        Assert.True(DigestCredentialsParser.TryParse(Value, out var credentials, out _));
        Assert.Equal("al\"ice\\", credentials.Username);
    }

    [Fact]
    public void Accepts_quoted_qop_and_unquoted_uri_from_lenient_clients()
    {
        const string Value = "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=sip:bob@example.com, response=\"0\", " +
            "qop=\"auth\", nc=000000ff, cnonce=\"c\", userhash=true";

        Assert.True(DigestCredentialsParser.TryParse(Value, out var credentials, out _));
        Assert.Equal("sip:bob@example.com", credentials.Uri);
        Assert.Equal(255U, credentials.NonceCountValue);
        Assert.True(credentials.UserHash);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Digest")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Digestusername=\"a\"")]
    [InlineData("Digest realm=\"r\", nonce=\"n\", uri=\"u\", response=\"0\"")]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\"")]
    [InlineData("Digest username=\"a\", username=\"b\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"0\"")]
    [InlineData("Digest username=\"a, realm=\"r\", nonce=\"n\", uri=\"u\", response=\"0")]
    [InlineData("Digest username=\"a\" realm=\"r\", nonce=\"n\", uri=\"u\", response=\"0\"")]
    [InlineData("Digest username=, realm=\"r\", nonce=\"n\", uri=\"u\", response=\"0\"")]
    [InlineData("Digest =\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"0\"")]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"0\", qop=auth")]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"0\", qop=auth, nc=1, cnonce=\"c\"")]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"0\", qop=auth, nc=0000000g, cnonce=\"c\"")]
    [InlineData("Digest username=\"a\r\nb\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"0\"")]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"0\\")]
    public void Rejects_malformed_values_with_a_reason(string value)
    {
        Assert.False(DigestCredentialsParser.TryParse(value, out var credentials, out var error));
        Assert.Null(credentials);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Rejects_oversized_values_and_too_many_parameters()
    {
        var huge = "Digest username=\"" + new string('a', DigestCredentialsParser.MaxLength) + "\"";
        var many = "Digest " + string.Join(", ", Enumerable.Range(0, 30).Select(i => "p" + i + "=x"));

        Assert.False(DigestCredentialsParser.TryParse(huge, out _, out _));
        Assert.False(DigestCredentialsParser.TryParse(many, out _, out var error));
        Assert.Equal("too many parameters", error);
    }

    [Fact]
    public void Credentials_to_string_does_not_leak_the_response()
    {
        Assert.True(DigestCredentialsParser.TryParse(Rfc2617Example, out var credentials, out _));

        Assert.DoesNotContain("6629fae4", credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Random_strings_never_throw()
    {
        Gen.String.Sample(value =>
        {
            var parsed = DigestCredentialsParser.TryParse(value, out var credentials, out var error);
            Assert.True(parsed ? credentials is not null : error is not null);
        });
    }

    [Fact]
    public void Random_digest_like_strings_never_throw()
    {
        var piece = Gen.OneOf(
            Gen.Const("Digest "),
            Gen.Const("username="),
            Gen.Const("realm=\"r\""),
            Gen.Const("nc=00000001"),
            Gen.Const("qop=auth"),
            Gen.String[Gen.Char["\"\\,= \tabc=\r\n"], 0, 12]);
        piece.Array[0, 20].Select(parts => "Digest " + string.Concat(parts)).Sample(value =>
        {
            var parsed = DigestCredentialsParser.TryParse(value, out var credentials, out var error);
            Assert.True(parsed ? credentials is not null : error is not null);
        });
    }
}
