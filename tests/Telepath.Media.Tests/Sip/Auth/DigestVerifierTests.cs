using Microsoft.Extensions.Time.Testing;
using Telepath.Media.Sip.Auth;

namespace Telepath.Media.Tests.Sip.Auth;

/// <summary>End-to-end digest verification as a UAS sees it (RFC 7616 §3.4, RFC 3261 §22.4).</summary>
public sealed class DigestVerifierTests
{
    private const string Secret = "test-secret-test-secret-test-secret!";
    private const string Realm = "trunk.telepath.example";
    private const string User = "alice";
    private const string Password = "correct horse";
    private const string RequestUri = "sip:+15550100@trunk.telepath.example";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 8, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly NonceSource _nonces;
    private readonly DigestVerifier _verifier;
    private readonly DigestHa1[] _stored;

    public DigestVerifierTests()
    {
        _nonces = new NonceSource(new NonceSourceOptions { Secret = Secret, ReplayCacheCapacity = 4 }, _time);
        _verifier = new DigestVerifier(_nonces);
        _stored =
        [
            DigestHa1.FromPassword(DigestAlgorithm.Sha256, User, Realm, Password),
            DigestHa1.FromPassword(DigestAlgorithm.Md5, User, Realm, Password),
        ];
    }

    /// <summary>Builds credentials the way a SIP client answering our challenge would.</summary>
    private static DigestCredentials Client(
        string nonce,
        uint nc = 1,
        DigestAlgorithm algorithm = DigestAlgorithm.Sha256,
        string password = Password,
        string realm = Realm,
        string uri = RequestUri)
    {
        var ncText = nc.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        var ha1 = DigestHash.ComputeHa1(algorithm, User, realm, password);
        var response = DigestHash.ComputeResponse(algorithm, ha1, nonce, ncText, "0a4f113b", "auth", "INVITE", uri);
        return new DigestCredentials(User, realm, nonce, uri, response)
        {
            Algorithm = algorithm.ToToken(),
            Cnonce = "0a4f113b",
            Qop = "auth",
            NonceCount = ncText,
        };
    }

    private DigestVerificationResult Verify(DigestCredentials credentials, IReadOnlyList<DigestHa1>? stored = null) =>
        _verifier.Verify(credentials, "INVITE", RequestUri, Realm, stored ?? _stored);

    [Theory]
    [InlineData(DigestAlgorithm.Sha256)]
    [InlineData(DigestAlgorithm.Md5)]
    [InlineData(DigestAlgorithm.Sha256Sess)]
    [InlineData(DigestAlgorithm.Md5Sess)]
    public void Correct_password_is_valid(DigestAlgorithm algorithm)
    {
        Assert.Equal(DigestVerificationResult.Valid, Verify(Client(_nonces.CreateNonce(), algorithm: algorithm)));
    }

    [Fact]
    public void Credentials_parsed_from_a_header_verify()
    {
        var c = Client(_nonces.CreateNonce());
        var header = $"Digest username=\"{c.Username}\", realm=\"{c.Realm}\", nonce=\"{c.Nonce}\", uri=\"{c.Uri}\", " +
            $"response=\"{c.Response.ToUpperInvariant()}\", algorithm=SHA-256, qop=auth, nc={c.NonceCount}, cnonce=\"{c.Cnonce}\"";

        Assert.True(DigestCredentialsParser.TryParse(header, out var parsed, out _));
        Assert.Equal(DigestVerificationResult.Valid, Verify(parsed));
    }

    [Fact]
    public void Wrong_password_is_an_invalid_response()
    {
        Assert.Equal(DigestVerificationResult.InvalidResponse, Verify(Client(_nonces.CreateNonce(), password: "wrong")));
    }

    /// <summary>RFC 7616 §3.3: stale=true only when the digest was right but the nonce expired.</summary>
    [Fact]
    public void Expired_nonce_with_correct_response_is_stale_and_with_wrong_response_invalid()
    {
        var nonce = _nonces.CreateNonce();
        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(DigestVerificationResult.StaleNonce, Verify(Client(nonce)));
        Assert.Equal(DigestVerificationResult.InvalidResponse, Verify(Client(nonce, password: "wrong")));
    }

    /// <summary>RFC 7616 §3.4: the nonce-count must increase with every request that reuses a nonce.</summary>
    [Fact]
    public void Replayed_nonce_count_is_a_replay_and_a_higher_one_is_valid()
    {
        var nonce = _nonces.CreateNonce();

        Assert.Equal(DigestVerificationResult.Valid, Verify(Client(nonce, nc: 1)));
        Assert.Equal(DigestVerificationResult.Replay, Verify(Client(nonce, nc: 1)));
        Assert.Equal(DigestVerificationResult.Valid, Verify(Client(nonce, nc: 2)));
        Assert.Equal(DigestVerificationResult.Replay, Verify(Client(nonce, nc: 2)));
    }

    [Fact]
    public void Forged_requests_do_not_consume_nonce_counts()
    {
        var nonce = _nonces.CreateNonce();

        Assert.Equal(DigestVerificationResult.InvalidResponse, Verify(Client(nonce, nc: 9, password: "guess")));
        Assert.Equal(DigestVerificationResult.Valid, Verify(Client(nonce, nc: 1)));
    }

    [Fact]
    public void Nonce_from_another_secret_is_an_invalid_nonce()
    {
        var other = new NonceSource(new NonceSourceOptions { Secret = "other-secret-other-secret-other-secret" }, _time);

        Assert.Equal(DigestVerificationResult.InvalidNonce, Verify(Client(other.CreateNonce())));
    }

    [Fact]
    public void Grace_period_previous_ha1_is_accepted_and_reported()
    {
        DigestHa1[] stored =
        [
            DigestHa1.FromPassword(DigestAlgorithm.Sha256, User, Realm, "new password"),
            DigestHa1.FromPassword(DigestAlgorithm.Sha256, User, Realm, Password),
        ];

        var result = _verifier.Verify(Client(_nonces.CreateNonce()), "INVITE", RequestUri, Realm, stored, out var matched);

        Assert.Equal(DigestVerificationResult.Valid, result);
        Assert.Equal(1, matched);
    }

    [Fact]
    public void Missing_ha1_for_the_chosen_algorithm_is_an_invalid_response()
    {
        DigestHa1[] md5Only = [DigestHa1.FromPassword(DigestAlgorithm.Md5, User, Realm, Password)];

        Assert.Equal(DigestVerificationResult.InvalidResponse, Verify(Client(_nonces.CreateNonce()), md5Only));
    }

    [Fact]
    public void Other_realm_is_a_realm_mismatch()
    {
        Assert.Equal(DigestVerificationResult.RealmMismatch, Verify(Client(_nonces.CreateNonce(), realm: "elsewhere")));
    }

    [Fact]
    public void Unsupported_algorithm_and_userhash_are_reported()
    {
        var credentials = Client(_nonces.CreateNonce());

        Assert.Equal(DigestVerificationResult.UnsupportedAlgorithm, Verify(credentials with { Algorithm = "SHA-512-256" }));
        Assert.Equal(DigestVerificationResult.UnsupportedAlgorithm, Verify(credentials with { UserHash = true }));
    }

    /// <summary>RFC 7616 §3.3 requires qop; the RFC 2069 compatibility form without it is refused.</summary>
    [Fact]
    public void Request_without_qop_or_with_bad_nc_is_malformed()
    {
        var credentials = Client(_nonces.CreateNonce());

        Assert.Equal(DigestVerificationResult.Malformed, Verify(credentials with { Qop = null }));
        Assert.Equal(DigestVerificationResult.Malformed, Verify(credentials with { Qop = "auth-int" }));
        Assert.Equal(DigestVerificationResult.Malformed, Verify(credentials with { NonceCount = "00000000" }));
        Assert.Equal(DigestVerificationResult.Malformed, Verify(credentials with { Cnonce = null }));
    }

    [Fact]
    public void Digest_uri_other_than_the_request_uri_is_malformed()
    {
        var credentials = Client(_nonces.CreateNonce(), uri: "sip:other@trunk.telepath.example");

        Assert.Equal(DigestVerificationResult.Malformed, Verify(credentials));
        Assert.Equal(
            DigestVerificationResult.Valid,
            _verifier.Verify(credentials, "INVITE", requestUri: null, Realm, _stored));
    }

    [Fact]
    public void Response_for_another_method_is_invalid()
    {
        var credentials = Client(_nonces.CreateNonce());

        Assert.Equal(DigestVerificationResult.InvalidResponse, _verifier.Verify(credentials, "BYE", RequestUri, Realm, _stored));
    }

    [Fact]
    public void Unknown_user_gets_the_same_answers_as_a_wrong_password()
    {
        var nonce = _nonces.CreateNonce();

        Assert.Equal(DigestVerificationResult.InvalidResponse, _verifier.VerifyUnknownUser(Client(nonce), "INVITE", RequestUri, Realm));
        Assert.Equal(DigestVerificationResult.InvalidNonce, _verifier.VerifyUnknownUser(Client("bogus"), "INVITE", RequestUri, Realm));
        _time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(DigestVerificationResult.InvalidResponse, _verifier.VerifyUnknownUser(Client(nonce), "INVITE", RequestUri, Realm));
    }

    /// <summary>A nonce evicted from the full replay cache must not become replayable: it is reported stale instead.</summary>
    [Fact]
    public void Evicted_nonce_is_stale_so_replay_stays_impossible_with_bounded_memory()
    {
        var first = _nonces.CreateNonce();
        Assert.Equal(DigestVerificationResult.Valid, Verify(Client(first)));
        for (var i = 0; i < 4; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(DigestVerificationResult.Valid, Verify(Client(_nonces.CreateNonce())));
        }

        Assert.Equal(4, _nonces.RememberedNonces);
        Assert.Equal(DigestVerificationResult.StaleNonce, Verify(Client(first)));
        Assert.Equal(DigestVerificationResult.StaleNonce, Verify(Client(first, nc: 2)));
    }

    [Fact]
    public void Expired_entries_leave_the_replay_cache_without_marking_fresh_nonces_stale()
    {
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(DigestVerificationResult.Valid, Verify(Client(_nonces.CreateNonce())));
        }

        _time.Advance(TimeSpan.FromMinutes(6));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(DigestVerificationResult.Valid, Verify(Client(_nonces.CreateNonce())));
        }

        Assert.Equal(4, _nonces.RememberedNonces);
    }
}
