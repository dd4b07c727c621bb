namespace Telepath.Grains.Abstractions.Webhooks;

/// <summary>One event's delivery to one target, with its latest outcome.</summary>
/// <param name="Id">The delivery id (<c>dlv_…</c>), also sent as <c>Idempotency-Key</c>.</param>
/// <param name="TargetId">The endpoint id (or explicit target key) it goes to.</param>
/// <param name="AccountId">The account, or null for an explicit target without one.</param>
/// <param name="EventId">The event id (<c>evt_…</c>).</param>
/// <param name="EventType">The event type.</param>
/// <param name="Status">One of <see cref="WebhookDeliveryStatus"/>.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="LastStatusCode">The latest attempt's HTTP status.</param>
/// <param name="LastLatencyMs">The latest attempt's latency.</param>
/// <param name="LastError">The latest attempt's error.</param>
/// <param name="NextAttemptAt">When a pending delivery is tried next; null once settled.</param>
/// <param name="CreatedAt">When the event was queued.</param>
/// <param name="DeliveredAt">When a 2xx came back.</param>
/// <param name="AttemptLog">Every attempt, oldest first; empty in lists.</param>
[GenerateSerializer, Immutable, Alias("telepath.WebhookDeliveryView")]
public sealed record WebhookDeliveryView(
    [property: Id(0)] string Id,
    [property: Id(1)] string TargetId,
    [property: Id(2)] string? AccountId,
    [property: Id(3)] string EventId,
    [property: Id(4)] string EventType,
    [property: Id(5)] string Status,
    [property: Id(6)] int Attempts,
    [property: Id(7)] int? LastStatusCode,
    [property: Id(8)] int? LastLatencyMs,
    [property: Id(9)] string? LastError,
    [property: Id(10)] DateTimeOffset? NextAttemptAt,
    [property: Id(11)] DateTimeOffset CreatedAt,
    [property: Id(12)] DateTimeOffset? DeliveredAt,
    [property: Id(13)] IReadOnlyList<WebhookAttemptView> AttemptLog);
