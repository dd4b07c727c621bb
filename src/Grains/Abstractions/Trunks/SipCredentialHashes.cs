namespace Telepath.Grains.Abstractions.Trunks;

/// <summary>
/// The digest HA1 values of one SIP password (RFC 7616 §3.4.2: H(username:realm:password)) for MD5 and SHA-256, in
/// lowercase hex. The password itself is never stored. An HA1 is password-equivalent within its realm, so
/// <see cref="ToString"/> is redacted.
/// </summary>
/// <param name="Md5">HA1 with MD5.</param>
/// <param name="Sha256">HA1 with SHA-256.</param>
[GenerateSerializer, Immutable, Alias("telepath.SipCredentialHashes")]
public sealed record SipCredentialHashes(string Md5, string Sha256)
{
    /// <summary>Never shows the hashes.</summary>
    public override string ToString() => "SipCredentialHashes { [redacted] }";
}
