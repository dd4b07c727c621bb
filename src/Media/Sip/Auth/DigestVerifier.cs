using System.Security.Cryptography;

namespace Telepath.Media.Sip.Auth;

/// <summary>
/// Server-side digest verification (RFC 7616 §3.4, RFC 3261 §22.4) against stored HA1 values. Compares digests in
/// constant time, tries every candidate HA1 (current and grace-period previous password) without stopping early,
/// and only records a nonce-count after the digest matched, so forged requests cannot burn a client's counts.
/// Thread-safe.
/// </summary>
public sealed class DigestVerifier
{
    private const string QopAuth = "auth";

    private readonly NonceSource _nonceSource;

    /// <summary>Creates a verifier that validates nonces with <paramref name="nonceSource"/>.</summary>
    public DigestVerifier(NonceSource nonceSource)
    {
        ArgumentNullException.ThrowIfNull(nonceSource);
        _nonceSource = nonceSource;
    }

    /// <summary>Verifies credentials for a known user.</summary>
    /// <param name="credentials">Parsed Authorization / Proxy-Authorization value.</param>
    /// <param name="method">The request method (for INVITE, <c>INVITE</c>; ACK and CANCEL reuse it per RFC 3261 §22.1).</param>
    /// <param name="requestUri">The Request-URI, compared to the <c>uri</c> parameter; null skips the check.</param>
    /// <param name="realm">The realm we challenged with.</param>
    /// <param name="candidateHa1s">The user's stored HA1 values, any algorithms, current first.</param>
    public DigestVerificationResult Verify(
        DigestCredentials credentials,
        string method,
        string? requestUri,
        string realm,
        IReadOnlyList<DigestHa1> candidateHa1s) =>
        Verify(credentials, method, requestUri, realm, candidateHa1s, out _);

    /// <summary>Verifies credentials and reports which candidate matched (-1 when none), e.g. to retire a grace HA1.</summary>
    public DigestVerificationResult Verify(
        DigestCredentials credentials,
        string method,
        string? requestUri,
        string realm,
        IReadOnlyList<DigestHa1> candidateHa1s,
        out int matchedCandidate)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(realm);
        ArgumentNullException.ThrowIfNull(candidateHa1s);
        return VerifyCore(credentials, method, requestUri, realm, candidateHa1s, out matchedCandidate);
    }

    /// <summary>
    /// Does the same work as <see cref="Verify(DigestCredentials, string, string?, string, IReadOnlyList{DigestHa1})"/>
    /// against a secret-derived dummy HA1, for a username that does not exist: the result (never Valid) and the time
    /// taken do not reveal whether the user exists.
    /// </summary>
    public DigestVerificationResult VerifyUnknownUser(DigestCredentials credentials, string method, string? requestUri, string realm)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(realm);
        var algorithm = DigestAlgorithms.TryParse(credentials.Algorithm, out var parsed) ? parsed : DigestAlgorithm.Md5;
        DigestHa1[] dummy = [new DigestHa1(algorithm, _nonceSource.ComputeDummyHa1(algorithm, credentials.Username))];
        var result = VerifyCore(credentials, method, requestUri, realm, dummy, out _);
        return result == DigestVerificationResult.Valid ? DigestVerificationResult.InvalidResponse : result;
    }

    private DigestVerificationResult VerifyCore(
        DigestCredentials credentials,
        string method,
        string? requestUri,
        string realm,
        IReadOnlyList<DigestHa1> candidates,
        out int matchedCandidate)
    {
        matchedCandidate = -1;
        if (credentials.UserHash || !DigestAlgorithms.TryParse(credentials.Algorithm, out var algorithm))
        {
            return DigestVerificationResult.UnsupportedAlgorithm;
        }

        if (!string.Equals(credentials.Realm, realm, StringComparison.Ordinal))
        {
            return DigestVerificationResult.RealmMismatch;
        }

        // We only ever offer qop="auth"; RFC 7616 §3.3 makes qop mandatory, so the RFC 2069 form is refused.
        var nonceCount = credentials.NonceCountValue;
        if (!string.Equals(credentials.Qop, QopAuth, StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(credentials.Cnonce)
            || nonceCount == 0)
        {
            return DigestVerificationResult.Malformed;
        }

        // RFC 2617 §3.2.2.5: the digest-uri must name the requested resource, else the response is for another request.
        if (requestUri is not null && !string.Equals(credentials.Uri, requestUri, StringComparison.OrdinalIgnoreCase))
        {
            return DigestVerificationResult.Malformed;
        }

        var nonceStatus = _nonceSource.Validate(credentials.Nonce, out var issuedAtTicks);
        if (nonceStatus == NonceStatus.Invalid)
        {
            return DigestVerificationResult.InvalidNonce;
        }

        if (!MatchesAnyCandidate(credentials, method, algorithm, candidates, out matchedCandidate))
        {
            return DigestVerificationResult.InvalidResponse;
        }

        if (nonceStatus == NonceStatus.Stale)
        {
            return DigestVerificationResult.StaleNonce;
        }

        return _nonceSource.RecordNonceCount(credentials.Nonce, issuedAtTicks, nonceCount) switch
        {
            NonceCountOutcome.Replay => DigestVerificationResult.Replay,
            NonceCountOutcome.Forgotten => DigestVerificationResult.StaleNonce,
            _ => DigestVerificationResult.Valid,
        };
    }

    private bool MatchesAnyCandidate(
        DigestCredentials credentials,
        string method,
        DigestAlgorithm algorithm,
        IReadOnlyList<DigestHa1> candidates,
        out int matchedCandidate)
    {
        matchedCandidate = -1;
        var hexLength = algorithm.HexLength();
        Span<byte> presented = stackalloc byte[64];
        var wellFormed = TryCopyLowerHex(credentials.Response, presented[..hexLength]);
        Span<byte> expected = stackalloc byte[64];
        var baseAlgorithm = algorithm.BaseAlgorithm();
        var tried = false;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Algorithm != baseAlgorithm)
            {
                continue;
            }

            tried = true;
            var written = Compute(credentials, method, algorithm, candidates[i].Value, expected);
            var equal = CryptographicOperations.FixedTimeEquals(expected[..written], presented[..hexLength]);
            if (equal && wellFormed && matchedCandidate < 0)
            {
                matchedCandidate = i;
            }
        }

        if (!tried)
        {
            // No HA1 for this algorithm: hash anyway so the timing matches a wrong password.
            Compute(credentials, method, algorithm, _nonceSource.ComputeDummyHa1(algorithm, credentials.Username), expected);
        }

        return matchedCandidate >= 0;
    }

    private static int Compute(DigestCredentials credentials, string method, DigestAlgorithm algorithm, string ha1, Span<byte> destination) =>
        DigestHash.ComputeResponse(
            algorithm,
            ha1,
            credentials.Nonce,
            credentials.NonceCount,
            credentials.Cnonce,
            credentials.Qop,
            method,
            credentials.Uri,
            destination);

    /// <summary>Copies a hex digest as lowercase ASCII; false when its length or characters are wrong.</summary>
    private static bool TryCopyLowerHex(string response, Span<byte> destination)
    {
        if (response.Length != destination.Length)
        {
            destination.Clear();
            return false;
        }

        var valid = true;
        for (var i = 0; i < response.Length; i++)
        {
            var c = response[i];
            valid &= char.IsAsciiHexDigit(c);
            destination[i] = (byte)char.ToLowerInvariant(c);
        }

        return valid;
    }
}
