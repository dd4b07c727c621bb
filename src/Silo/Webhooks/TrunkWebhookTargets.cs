using Telepath.Api.Secrets;
using Telepath.Grains.Abstractions.Webhooks;

namespace Telepath.Silo.Webhooks;

/// <summary>
/// A trunk's <c>status_webhook_url</c> as a delivery target. Its queue is keyed by the trunk id, and it is signed with
/// the secret <see cref="TrunkWebhookSecrets"/> derives for the trunk and URL (the one the API showed when the URL was set).
/// </summary>
internal sealed class TrunkWebhookTargets : ITrunkWebhookTargets
{
    private readonly TrunkWebhookSecrets _secrets;

    public TrunkWebhookTargets(TrunkWebhookSecrets secrets)
    {
        _secrets = secrets;
    }

    public WebhookTarget? For(string trunkId, string? statusWebhookUrl) =>
        string.IsNullOrWhiteSpace(statusWebhookUrl) ? null : new WebhookTarget(trunkId, statusWebhookUrl, _secrets.SecretFor(trunkId, statusWebhookUrl));
}
