using System.Security.Cryptography;
using System.Text;
using Telepath.Grains.Abstractions.Trunks;

namespace Telepath.Api.Trunks;

/// <summary>Generates SIP passwords and turns them into the digest HA1 hashes that are all the store keeps.</summary>
internal static class SipPasswords
{
    /// <summary>Length of a generated password: 24 characters of 62 symbols, about 143 bits.</summary>
    public const int GeneratedLength = 24;

    /// <summary>Shortest password a client may choose.</summary>
    public const int MinLength = 12;

    /// <summary>Longest password a client may choose.</summary>
    public const int MaxLength = 128;

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A new random password (letters and digits only, so it survives any carrier's configuration form).</summary>
    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, GeneratedLength);

    /// <summary>
    /// HA1 = H(username ":" realm ":" password) for MD5 and SHA-256 (RFC 7616 §3.4.2; RFC 8760 for SIP), lowercase hex
    /// over UTF-8, exactly as <c>Telepath.Media.Sip.Auth.DigestHash.ComputeHa1</c> computes it (the API assembly does
    /// not reference the media engine; the trunk tests check both agree).
    /// </summary>
    public static SipCredentialHashes Hash(string username, string realm, string password)
    {
        var input = Encoding.UTF8.GetBytes($"{username}:{realm}:{password}");
        try
        {
            // RFC 7616 keeps MD5 for backward compatibility and most carriers still send it; not our choice of primitive.
#pragma warning disable CA5351
            var md5 = Convert.ToHexStringLower(MD5.HashData(input));
#pragma warning restore CA5351
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(input));
            return new SipCredentialHashes(md5, sha256);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }
}
