namespace Telepath.Grains.Abstractions.Webhooks;

/// <summary>An outbox row to insert: one event for one target.</summary>
/// <param name="Id">The new delivery id.</param>
/// <param name="TargetId">Endpoint id or explicit target key.</param>
/// <param name="AccountId">The event's account.</param>
/// <param name="EventId">The event id (unique per target).</param>
/// <param name="EventType">The event type.</param>
/// <param name="OrderingKey">The ordering key.</param>
/// <param name="Payload">The JSON body.</param>
/// <param name="TargetUrl">URL of an explicit target, else null.</param>
/// <param name="TargetSecret">Secret of an explicit target, else null.</param>
/// <param name="CreatedAt">Queue time; also the first attempt time.</param>
/// <param name="DeadlineAt">When retrying stops.</param>
public sealed record WebhookNewDelivery(
    string Id,
    string TargetId,
    string? AccountId,
    string EventId,
    string EventType,
    string OrderingKey,
    string Payload,
    string? TargetUrl,
    string? TargetSecret,
    DateTimeOffset CreatedAt,
    DateTimeOffset DeadlineAt);
