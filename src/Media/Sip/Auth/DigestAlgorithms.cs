namespace Telepath.Media.Sip.Auth;

/// <summary>Token forms and properties of <see cref="DigestAlgorithm"/>.</summary>
public static class DigestAlgorithms
{
    /// <summary>The token used in challenges and credentials, e.g. <c>SHA-256-sess</c>.</summary>
    public static string ToToken(this DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Md5Sess => "MD5-sess",
        DigestAlgorithm.Sha256 => "SHA-256",
        DigestAlgorithm.Sha256Sess => "SHA-256-sess",
        _ => "MD5",
    };

    /// <summary>
    /// Parses an algorithm token case-insensitively. A missing algorithm means MD5 (RFC 2617 §3.2.1, RFC 7616 §3.3).
    /// False for algorithms we do not support (e.g. <c>SHA-512-256</c>).
    /// </summary>
    public static bool TryParse(string? token, out DigestAlgorithm algorithm)
    {
        algorithm = DigestAlgorithm.Md5;
        if (string.IsNullOrEmpty(token) || token.Equals("MD5", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (token.Equals("MD5-sess", StringComparison.OrdinalIgnoreCase))
        {
            algorithm = DigestAlgorithm.Md5Sess;
            return true;
        }

        if (token.Equals("SHA-256", StringComparison.OrdinalIgnoreCase))
        {
            algorithm = DigestAlgorithm.Sha256;
            return true;
        }

        if (token.Equals("SHA-256-sess", StringComparison.OrdinalIgnoreCase))
        {
            algorithm = DigestAlgorithm.Sha256Sess;
            return true;
        }

        return false;
    }

    /// <summary>True for the <c>-sess</c> variants (RFC 7616 §3.4.2).</summary>
    public static bool IsSession(this DigestAlgorithm algorithm) =>
        algorithm is DigestAlgorithm.Md5Sess or DigestAlgorithm.Sha256Sess;

    /// <summary>The variant without <c>-sess</c>: the algorithm a stored HA1 belongs to.</summary>
    public static DigestAlgorithm BaseAlgorithm(this DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Md5Sess => DigestAlgorithm.Md5,
        DigestAlgorithm.Sha256Sess => DigestAlgorithm.Sha256,
        _ => algorithm,
    };

    /// <summary>Length of the hash in lowercase hex characters (32 for MD5, 64 for SHA-256).</summary>
    public static int HexLength(this DigestAlgorithm algorithm) =>
        algorithm.BaseAlgorithm() == DigestAlgorithm.Md5 ? 32 : 64;
}
