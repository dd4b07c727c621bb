using Telepath.Media.Sip.Auth;

namespace Telepath.Media.Tests.Sip.Auth;

/// <summary>Known-answer tests for the digest computations (RFC 2617 §3.5, RFC 7616 §3.9.1).</summary>
public sealed class DigestHashTests
{
    private const string Rfc7616Nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private const string Rfc7616Cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    private const string Rfc7616Realm = "http-auth@example.org";

    /// <summary>RFC 2617 §3.5: Mufasa / "Circle Of Life" gives response 6629fae49393a05397450978507c4ef1.</summary>
    [Fact]
    public void Rfc_2617_example_md5_response_is_reproduced()
    {
        var ha1 = DigestHash.ComputeHa1(DigestAlgorithm.Md5, "Mufasa", "testrealm@host.com", "Circle Of Life");

        var response = DigestHash.ComputeResponse(
            DigestAlgorithm.Md5, ha1, "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth", "GET", "/dir/index.html");

        Assert.Equal("6629fae49393a05397450978507c4ef1", response);
    }

    /// <summary>RFC 7616 §3.9.1: the SHA-256 and MD5 responses of the worked example (password "Circle of Life").</summary>
    [Theory]
    [InlineData(DigestAlgorithm.Sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    [InlineData(DigestAlgorithm.Md5, "8ca523f5e9506fed4657c9700eebdbec")]
    public void Rfc_7616_example_responses_are_reproduced(DigestAlgorithm algorithm, string expected)
    {
        var ha1 = DigestHash.ComputeHa1(algorithm, "Mufasa", Rfc7616Realm, "Circle of Life");

        var response = DigestHash.ComputeResponse(
            algorithm, ha1, Rfc7616Nonce, "00000001", Rfc7616Cnonce, "auth", "GET", "/dir/index.html");

        Assert.Equal(expected, response);
    }

    /// <summary>RFC 7616 §3.4.2: for -sess algorithms HA1 is re-hashed with nonce and cnonce (values computed independently).</summary>
    [Theory]
    [InlineData(DigestAlgorithm.Sha256Sess, "2fd51b3a77ad75bad6afad6003e818d767133c46d9e2749e7f5232ae1ea3efd7")]
    [InlineData(DigestAlgorithm.Md5Sess, "e783283f46242139c486a698fec7211d")]
    public void Session_variants_rehash_ha1_with_nonce_and_cnonce(DigestAlgorithm algorithm, string expected)
    {
        var ha1 = DigestHash.ComputeHa1(algorithm, "Mufasa", Rfc7616Realm, "Circle of Life");

        var response = DigestHash.ComputeResponse(
            algorithm, ha1, Rfc7616Nonce, "00000001", Rfc7616Cnonce, "auth", "GET", "/dir/index.html");

        Assert.Equal(expected, response);
    }

    [Fact]
    public void Ha1_is_lowercase_hex_of_the_algorithm_length()
    {
        Assert.Matches("^[0-9a-f]{32}$", DigestHash.ComputeHa1(DigestAlgorithm.Md5, "u", "r", "p"));
        Assert.Matches("^[0-9a-f]{64}$", DigestHash.ComputeHa1(DigestAlgorithm.Sha256, "u", "r", "p"));
        Assert.Equal(
            DigestHash.ComputeHa1(DigestAlgorithm.Sha256, "u", "r", "p"),
            DigestHash.ComputeHa1(DigestAlgorithm.Sha256Sess, "u", "r", "p"));
    }

    [Fact]
    public void Stored_ha1_redacts_its_value()
    {
        var ha1 = DigestHa1.FromPassword(DigestAlgorithm.Sha256Sess, "Mufasa", Rfc7616Realm, "Circle of Life");

        Assert.Equal(DigestAlgorithm.Sha256, ha1.Algorithm);
        Assert.DoesNotContain(ha1.Value, ha1.ToString(), StringComparison.Ordinal);
        Assert.Contains("redacted", ha1.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("md5", DigestAlgorithm.Md5)]
    [InlineData(null, DigestAlgorithm.Md5)]
    [InlineData("MD5-SESS", DigestAlgorithm.Md5Sess)]
    [InlineData("sha-256", DigestAlgorithm.Sha256)]
    [InlineData("SHA-256-sess", DigestAlgorithm.Sha256Sess)]
    public void Algorithm_tokens_parse_case_insensitively(string? token, DigestAlgorithm expected)
    {
        Assert.True(DigestAlgorithms.TryParse(token, out var algorithm));
        Assert.Equal(expected, algorithm);
    }

    [Fact]
    public void Sha_512_256_is_not_supported()
    {
        Assert.False(DigestAlgorithms.TryParse("SHA-512-256", out _));
    }
}
