namespace Telepath.Grains.Abstractions.Webhooks;

/// <summary>
/// Turns a trunk's <c>status_webhook_url</c> into a delivery target with its signing secret. The silo implements it
/// (the secret is derived from the master key, which grains never see).
/// </summary>
public interface ITrunkWebhookTargets
{
    /// <summary>The target for <paramref name="trunkId"/>'s status webhook, or null when it has none.</summary>
    WebhookTarget? For(string trunkId, string? statusWebhookUrl);
}
