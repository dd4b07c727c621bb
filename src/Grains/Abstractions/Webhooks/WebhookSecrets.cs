using System.Security.Cryptography;

namespace Telepath.Grains.Abstractions.Webhooks;

/// <summary>
/// Signing secrets of webhook endpoints: <c>whsec_</c> + 32 base62 characters (190 bits of randomness). Unlike API
/// keys they are kept in clear in the store, because the sender needs them to sign every delivery.
/// </summary>
public static class WebhookSecrets
{
    /// <summary>The prefix every secret starts with.</summary>
    public const string Prefix = "whsec_";

    /// <summary>Random base62 characters after the prefix.</summary>
    public const int RandomLength = 32;

    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A new random secret.</summary>
    public static string Generate() => Prefix + new string(RandomNumberGenerator.GetItems<char>(Base62, RandomLength));
}
