using Telepath.Grains.Abstractions.Webhooks;

namespace Telepath.Grains.Tests.Support;

/// <summary>Status-webhook targets signed with one fixed secret.</summary>
public sealed class FixedTrunkWebhookTargets : ITrunkWebhookTargets
{
    /// <summary>The secret every target carries.</summary>
    public const string Secret = "whsec_test";

    /// <inheritdoc />
    public WebhookTarget? For(string trunkId, string? statusWebhookUrl) =>
        statusWebhookUrl is null ? null : new WebhookTarget(trunkId, statusWebhookUrl, Secret);
}
