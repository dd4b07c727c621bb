namespace Telepath.Grains.Abstractions.Webhooks;

/// <summary>What one attempt did to its delivery, written together with the attempt row.</summary>
/// <param name="DeliveryId">The delivery.</param>
/// <param name="Attempt">The attempt's number (1-based).</param>
/// <param name="Result">The HTTP outcome.</param>
/// <param name="Status">The delivery's new status.</param>
/// <param name="NextAttemptAt">When to try again, for a still-pending delivery.</param>
public sealed record WebhookAttemptOutcome(
    string DeliveryId,
    int Attempt,
    WebhookSendResult Result,
    string Status,
    DateTimeOffset? NextAttemptAt);
