namespace Telepath.Grains.Abstractions.Webhooks;

/// <summary>A webhook endpoint as stored. <see cref="Secret"/> is for signing only and never leaves the silo after creation.</summary>
/// <param name="Id">The endpoint id (<c>whk_…</c>).</param>
/// <param name="AccountId">Its account.</param>
/// <param name="Url">The https URL events are POSTed to.</param>
/// <param name="Description">An optional label.</param>
/// <param name="Events">Subscribed types, or <c>["*"]</c>.</param>
/// <param name="Secret">The signing secret (<c>whsec_…</c>).</param>
/// <param name="Status">One of <see cref="WebhookEndpointStatus"/>.</param>
/// <param name="DisabledReason">Why it was disabled, when it was.</param>
/// <param name="DisabledAt">When it was disabled.</param>
/// <param name="FailingSince">Start of the current run of failed attempts, or null while healthy.</param>
/// <param name="CreatedAt">Creation time.</param>
[GenerateSerializer, Immutable, Alias("telepath.WebhookEndpointRecord")]
public sealed record WebhookEndpointRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string AccountId,
    [property: Id(2)] string Url,
    [property: Id(3)] string? Description,
    [property: Id(4)] IReadOnlyList<string> Events,
    [property: Id(5)] string Secret,
    [property: Id(6)] string Status,
    [property: Id(7)] string? DisabledReason,
    [property: Id(8)] DateTimeOffset? DisabledAt,
    [property: Id(9)] DateTimeOffset? FailingSince,
    [property: Id(10)] DateTimeOffset CreatedAt);
