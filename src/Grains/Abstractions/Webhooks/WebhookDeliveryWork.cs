namespace Telepath.Grains.Abstractions.Webhooks;

/// <summary>A pending delivery as its grain needs it to send one attempt.</summary>
/// <param name="Id">The delivery id.</param>
/// <param name="EventId">The event id.</param>
/// <param name="OrderingKey">The ordering key.</param>
/// <param name="Payload">The exact JSON body to POST.</param>
/// <param name="Attempts">Attempts made before this one.</param>
/// <param name="DeadlineAt">After a failed attempt at or past this time the delivery fails for good.</param>
/// <param name="TargetUrl">URL of an explicit target; null for an endpoint (its URL is on the endpoint).</param>
/// <param name="TargetSecret">Secret of an explicit target.</param>
/// <param name="CreatedAt">When it was queued.</param>
[GenerateSerializer, Immutable, Alias("telepath.WebhookDeliveryWork")]
public sealed record WebhookDeliveryWork(
    [property: Id(0)] string Id,
    [property: Id(1)] string EventId,
    [property: Id(2)] string OrderingKey,
    [property: Id(3)] string Payload,
    [property: Id(4)] int Attempts,
    [property: Id(5)] DateTimeOffset DeadlineAt,
    [property: Id(6)] string? TargetUrl,
    [property: Id(7)] string? TargetSecret,
    [property: Id(8)] DateTimeOffset CreatedAt);
