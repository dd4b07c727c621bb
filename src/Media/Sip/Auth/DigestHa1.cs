namespace Telepath.Media.Sip.Auth;

/// <summary>
/// A stored HA1 (RFC 7616 §3.4.2: H(username:realm:password)) for one base algorithm. The trunk store keeps these,
/// never the password. Redacted from <see cref="ToString"/>: an HA1 is password-equivalent for its realm.
/// </summary>
/// <param name="Algorithm">The base algorithm (<c>MD5</c> or <c>SHA-256</c>); a <c>-sess</c> value is reduced to it.</param>
/// <param name="Value">Lowercase hex HA1.</param>
public sealed record DigestHa1(DigestAlgorithm Algorithm, string Value)
{
    /// <summary>The base algorithm this HA1 serves (MD5 serves MD5 and MD5-sess).</summary>
    public DigestAlgorithm Algorithm { get; init; } = Algorithm.BaseAlgorithm();

    /// <summary>Computes the HA1 of a password, for provisioning.</summary>
    public static DigestHa1 FromPassword(DigestAlgorithm algorithm, string username, string realm, string password) =>
        new(algorithm, DigestHash.ComputeHa1(algorithm, username, realm, password));

    /// <summary>Names the algorithm only.</summary>
    public override string ToString() => $"DigestHa1 {{ Algorithm = {Algorithm.ToToken()}, Value = [redacted] }}";
}
