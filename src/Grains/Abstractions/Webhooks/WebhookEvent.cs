namespace Telepath.Grains.Abstractions.Webhooks;

/// <summary>
/// One event to deliver to an account's webhook endpoints (spec §8). The receiver sees
/// <c>{"id": Id, "type": Type, "created_at": CreatedAt, "data": DataJson}</c>.
/// </summary>
/// <param name="Id">Stable event id (<c>evt_…</c>); publishing the same id twice delivers it once per endpoint.</param>
/// <param name="Type">One of <see cref="WebhookEventTypes"/>.</param>
/// <param name="AccountId">The account whose endpoints receive it.</param>
/// <param name="TrunkId">The trunk it concerns, when there is one.</param>
/// <param name="OrderingKey">Events sharing a key (the call id) are delivered in publish order; different keys never wait for each other.</param>
/// <param name="CreatedAt">When the event happened.</param>
/// <param name="DataJson">The <c>data</c> object as JSON text (see <see cref="WebhookEventData"/>).</param>
[GenerateSerializer, Immutable, Alias("telepath.WebhookEvent")]
public sealed record WebhookEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] string Type,
    [property: Id(2)] string AccountId,
    [property: Id(3)] string? TrunkId,
    [property: Id(4)] string OrderingKey,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] string DataJson);
