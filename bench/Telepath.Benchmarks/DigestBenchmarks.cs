using BenchmarkDotNet.Attributes;
using Telepath.Media.Sip.Auth;

namespace Telepath.Benchmarks;

/// <summary>Per-INVITE digest work: parse the Authorization value and verify it (SHA-256 and MD5).</summary>
[MemoryDiagnoser]
public class DigestBenchmarks
{
    private const string Realm = "trunk.telepath.example";
    private const string Uri = "sip:+15550100@trunk.telepath.example";

    private DigestVerifier _verifier = null!;
    private DigestHa1[] _stored = null!;
    private string _header = null!;
    private DigestCredentials _sha256 = null!;
    private DigestCredentials _md5 = null!;

    /// <summary>Builds a nonce, stored HA1s and client credentials for both algorithms.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var nonces = new NonceSource(
            new NonceSourceOptions { Secret = "benchmark-secret-benchmark-secret-1234", Lifetime = TimeSpan.FromDays(1) },
            TimeProvider.System);
        _verifier = new DigestVerifier(nonces);
        _stored =
        [
            DigestHa1.FromPassword(DigestAlgorithm.Sha256, "alice", Realm, "secret"),
            DigestHa1.FromPassword(DigestAlgorithm.Md5, "alice", Realm, "secret"),
        ];
        var nonce = nonces.CreateNonce();
        _sha256 = Client(DigestAlgorithm.Sha256, nonce, _stored[0].Value);
        _md5 = Client(DigestAlgorithm.Md5, nonce, _stored[1].Value);
        _header = $"Digest username=\"alice\", realm=\"{Realm}\", nonce=\"{nonce}\", uri=\"{Uri}\", " +
            $"response=\"{_sha256.Response}\", algorithm=SHA-256, qop=auth, nc=00000001, cnonce=\"0a4f113b\"";
    }

    /// <summary>Parse an Authorization header value.</summary>
    [Benchmark]
    public DigestCredentials? ParseCredentials() =>
        DigestCredentialsParser.TryParse(_header, out var credentials, out _) ? credentials : null;

    /// <summary>
    /// Full SHA-256 verification: nonce MAC and expiry, digest, constant-time compare, replay cache lookup (reported
    /// as a replay after the first iteration, which does the same work).
    /// </summary>
    [Benchmark]
    public DigestVerificationResult VerifySha256() => _verifier.Verify(_sha256, "INVITE", Uri, Realm, _stored);

    /// <summary>Full MD5 verification, as most carriers still use.</summary>
    [Benchmark]
    public DigestVerificationResult VerifyMd5() => _verifier.Verify(_md5, "INVITE", Uri, Realm, _stored);

    private static DigestCredentials Client(DigestAlgorithm algorithm, string nonce, string ha1) =>
        new("alice", Realm, nonce, Uri, DigestHash.ComputeResponse(algorithm, ha1, nonce, "00000001", "0a4f113b", "auth", "INVITE", Uri))
        {
            Algorithm = algorithm.ToToken(),
            Cnonce = "0a4f113b",
            Qop = "auth",
            NonceCount = "00000001",
        };
}
