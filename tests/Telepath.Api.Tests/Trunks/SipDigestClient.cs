using System.Security.Cryptography;
using Telepath.Media.Edge;
using Telepath.Media.Sip.Auth;

namespace Telepath.Api.Tests.Trunks;

/// <summary>
/// Plays a carrier answering a digest challenge (RFC 7616 §3.4, qop=auth) and checks the answer with the media
/// engine's own <see cref="DigestVerifier"/> against the HA1s the trunk directory hands out.
/// </summary>
internal sealed class SipDigestClient
{
    private readonly NonceSource _nonces = new(new NonceSourceOptions { Secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }, TimeProvider.System);
    private readonly DigestVerifier _verifier;

    public SipDigestClient()
    {
        _verifier = new DigestVerifier(_nonces);
    }

    /// <summary>True when an INVITE from <paramref name="identity"/>'s user with <paramref name="password"/> passes.</summary>
    public bool Authenticates(TrunkIdentity identity, string password, DigestAlgorithm algorithm, string realm)
    {
        const string Uri = "sip:+14155550100@" + TrunkSiloFixture.SipDomain;
        var nonce = _nonces.CreateNonce();
        var cnonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var ha1 = DigestHash.ComputeHa1(algorithm, identity.SipUsername, realm, password);
        var response = DigestHash.ComputeResponse(algorithm, ha1, nonce, "00000001", cnonce, "auth", "INVITE", Uri);
        var credentials = new DigestCredentials(identity.SipUsername, realm, nonce, Uri, response)
        {
            Algorithm = algorithm == DigestAlgorithm.Md5 ? "MD5" : "SHA-256",
            Cnonce = cnonce,
            Qop = "auth",
            NonceCount = "00000001",
        };
        return _verifier.Verify(credentials, "INVITE", Uri, realm, identity.Credentials) == DigestVerificationResult.Valid;
    }
}
