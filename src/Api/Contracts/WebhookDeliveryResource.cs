namespace Telepath.Api.Contracts;

/// <summary>One event's delivery to one endpoint, with its latest attempt (list item).</summary>
/// <param name="Id">The delivery id (<c>dlv_…</c>), sent as <c>Idempotency-Key</c>.</param>
/// <param name="WebhookId">The endpoint.</param>
/// <param name="EventId">The event id (<c>evt_…</c>), sent as <c>Telepath-Event-Id</c>.</param>
/// <param name="EventType">The event type.</param>
/// <param name="Status"><c>pending</c>, <c>succeeded</c> or <c>failed</c>.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="LastStatusCode">HTTP status of the latest attempt, or null when none came back.</param>
/// <param name="LastLatencyMs">Latency of the latest attempt in milliseconds.</param>
/// <param name="LastError">Error of the latest attempt, or why the delivery was abandoned.</param>
/// <param name="NextAttemptAt">When a pending delivery is tried next; null once settled.</param>
/// <param name="CreatedAt">When the event was queued.</param>
/// <param name="DeliveredAt">When a 2xx came back, or null.</param>
public sealed record WebhookDeliveryResource(
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
    DateTimeOffset? DeliveredAt);
