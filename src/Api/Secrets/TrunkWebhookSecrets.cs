using System.Security.Cryptography;
using System.Text;
using Telepath.Grains.Abstractions.Webhooks;

namespace Telepath.Api.Secrets;

/// <summary>
/// Signing secrets of trunks' <c>status_webhook_url</c>s. Each is derived from the master key (HMAC of the trunk id
/// and the URL under a purpose key), so every silo signs alike and no second secret is stored or distributed; a new
/// URL means a new secret, which is how a customer rotates it. The API shows it once, in the answer that set the URL.
/// </summary>
public sealed class TrunkWebhookSecrets
{
    /// <summary>The purpose the signing key is derived for.</summary>
    public const string Purpose = "telepath/trunk-status-webhook";

    private readonly byte[] _key;

    /// <summary>Derives the purpose key from <paramref name="keys"/>.</summary>
    public TrunkWebhookSecrets(SecretKeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _key = keys.DeriveKey(Purpose);
    }

    /// <summary>The signing secret of <paramref name="trunkId"/>'s status webhook at <paramref name="url"/> (<c>whsec_</c> + 48 hex digits).</summary>
    public string SecretFor(string trunkId, string url)
    {
        ArgumentNullException.ThrowIfNull(trunkId);
        ArgumentNullException.ThrowIfNull(url);

        // The newline cannot occur in a resource id, so (id, url) pairs never collide.
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(trunkId + "\n" + url));
        return WebhookSecrets.Prefix + Convert.ToHexStringLower(mac)[..48];
    }
}
