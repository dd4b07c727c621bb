namespace Telepath.Media.Sip.Auth;

/// <summary>Digest algorithms we verify (RFC 7616 §3.3, RFC 8760 for SIP). The <c>-sess</c> variants hash HA1 once more.</summary>
public enum DigestAlgorithm
{
    /// <summary><c>MD5</c>, the RFC 2617 default; still what most SIP carriers send.</summary>
    Md5,

    /// <summary><c>MD5-sess</c>.</summary>
    Md5Sess,

    /// <summary><c>SHA-256</c> (RFC 7616, RFC 8760).</summary>
    Sha256,

    /// <summary><c>SHA-256-sess</c>.</summary>
    Sha256Sess,
}
