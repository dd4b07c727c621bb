namespace Telepath.Api.Contracts;

/// <summary>One delivery with every attempt (<c>GET /v1/webhooks/deliveries/{id}</c> and the retry answer).</summary>
/// <param name="Id">The delivery id.</param>
/// <param name="WebhookId">The endpoint.</param>
/// <param name="EventId">The event id.</param>
/// <param name="EventType">The event type.</param>
/// <param name="Status"><c>pending</c>, <c>succeeded</c> or <c>failed</c>.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="LastStatusCode">HTTP status of the latest attempt.</param>
/// <param name="LastLatencyMs">Latency of the latest attempt in milliseconds.</param>
/// <param name="LastError">Error of the latest attempt.</param>
/// <param name="NextAttemptAt">When a pending delivery is tried next.</param>
/// <param name="CreatedAt">When the event was queued.</param>
/// <param name="DeliveredAt">When a 2xx came back.</param>
/// <param name="AttemptLog">Every attempt, oldest first.</param>
public sealed record WebhookDeliveryDetail(
    string Id,
    string WebhookId,
    string EventId,
    string EventType,
    string Status,
    int Attempts,
    int? LastStatusCode,
    int? LastLatencyMs,
    string? LastError,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt,
    IReadOnlyList<WebhookAttemptResource> AttemptLog);
