using System.Security.Cryptography;
using System.Text;

namespace Telepath.Grains.Abstractions.Accounts;

/// <summary>
/// Makes and recognises API key secrets: <c>sk_live_</c> + 32 base62 characters (190 bits of randomness). Only the
/// SHA-256 of a secret is ever stored; it is also the key of the secret's <see cref="IApiKeyGrain"/>. A plain hash is
/// enough because the secret is random and long — there is nothing to guess that a salt would protect.
/// </summary>
public static class ApiKeySecrets
{
    /// <summary>The prefix every secret starts with.</summary>
    public const string Prefix = "sk_live_";

    /// <summary>Number of random base62 characters after the prefix.</summary>
    public const int RandomLength = 32;

    /// <summary>How many characters of a secret are kept as a hint for lists.</summary>
    public const int HintLength = 12;

    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A new random secret.</summary>
    public static string Generate()
    {
        // Rejection-free: GetItems picks each character uniformly from the alphabet.
        var random = RandomNumberGenerator.GetItems<char>(Base62, RandomLength);
        return Prefix + new string(random);
    }

    /// <summary>True when <paramref name="candidate"/> has the shape of a secret (checked before any grain is asked).</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> candidate)
    {
        if (candidate.Length != Prefix.Length + RandomLength || !candidate.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in candidate[Prefix.Length..])
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The grain key of the secret's key grain: <c>sha256:</c> + lowercase hex of its SHA-256.</summary>
    public static string GrainKey(string secret) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The part of a secret that may be shown again: its prefix and first few random characters.</summary>
    public static string Hint(string secret) => secret[..HintLength];
}
