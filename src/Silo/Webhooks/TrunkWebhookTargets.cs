using System.Security.Cryptography;
using System.Text;
using Telepath.Api.Secrets;
using Telepath.Grains.Abstractions.Webhooks;

namespace Telepath.Silo.Webhooks;

/// <summary>
/// A trunk's <c>status_webhook_url</c> as a delivery target. Its queue is keyed by the trunk id, and it is signed with
/// a per-trunk secret derived from the master key (HMAC of the trunk id under a purpose key), so every silo of a
/// cluster signs alike and no second secret has to be stored or distributed.
/// </summary>
internal sealed class TrunkWebhookTargets : ITrunkWebhookTargets
{
    /// <summary>The purpose the signing key is derived for.</summary>
    public const string Purpose = "telepath/trunk-status-webhook";

    private readonly byte[] _key;

    public TrunkWebhookTargets(SecretKeyRing keys)
    {
        _key = keys.DeriveKey(Purpose);
    }

    public WebhookTarget? For(string trunkId, string? statusWebhookUrl) =>
        string.IsNullOrWhiteSpace(statusWebhookUrl) ? null : new WebhookTarget(trunkId, statusWebhookUrl, SecretFor(trunkId));

    /// <summary>The signing secret of <paramref name="trunkId"/>'s status webhook (<c>whsec_</c> + 48 hex digits).</summary>
    public string SecretFor(string trunkId) =>
        WebhookSecrets.Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(trunkId)))[..48];
}
