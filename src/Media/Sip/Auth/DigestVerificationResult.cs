namespace Telepath.Media.Sip.Auth;

/// <summary>Outcome of <see cref="DigestVerifier"/>. Only <see cref="Valid"/> admits the request.</summary>
public enum DigestVerificationResult
{
    /// <summary>The response matched a candidate HA1 with a fresh nonce and a new nonce-count.</summary>
    Valid,

    /// <summary>Wrong password, unknown user, or a digest over different values: challenge again.</summary>
    InvalidResponse,

    /// <summary>Correct response with an expired (or forgotten) nonce: challenge again with <c>stale=true</c>.</summary>
    StaleNonce,

    /// <summary>The nonce was not issued with our secret: challenge again.</summary>
    InvalidNonce,

    /// <summary>The nonce-count did not increase (RFC 7616 §3.4): a replayed request; reject it.</summary>
    Replay,

    /// <summary>Required parameters are missing or wrong (no qop=auth, bad nc, uri not the Request-URI): 400.</summary>
    Malformed,

    /// <summary>The credentials are for another realm: challenge again.</summary>
    RealmMismatch,

    /// <summary>An algorithm (or userhash) we do not support: challenge again with what we offer.</summary>
    UnsupportedAlgorithm,
}
