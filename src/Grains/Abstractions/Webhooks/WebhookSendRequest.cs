namespace Telepath.Grains.Abstractions.Webhooks;

/// <summary>One signed POST to make.</summary>
/// <param name="Url">The receiver.</param>
/// <param name="Secret">The signing secret.</param>
/// <param name="DeliveryId">Sent as <c>Idempotency-Key</c> and <c>Telepath-Delivery-Id</c>.</param>
/// <param name="EventId">Sent as <c>Telepath-Event-Id</c>.</param>
/// <param name="Payload">The exact body.</param>
public sealed record WebhookSendRequest(string Url, string Secret, string DeliveryId, string EventId, string Payload);
