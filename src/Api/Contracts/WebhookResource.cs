namespace Telepath.Api.Contracts;

/// <summary>A webhook endpoint as the API shows it: never the secret.</summary>
/// <param name="Id">The endpoint id (<c>whk_…</c>).</param>
/// <param name="Url">Where events are POSTed.</param>
/// <param name="Description">Its label, or null.</param>
/// <param name="Events">Subscribed types, or <c>["*"]</c>.</param>
/// <param name="Status"><c>enabled</c>, or <c>disabled</c> after every attempt failed for 24 hours.</param>
/// <param name="DisabledReason">Why it was disabled (the notice), or null.</param>
/// <param name="DisabledAt">When it was disabled, or null.</param>
/// <param name="FailingSince">Start of the current run of failed attempts, or null while deliveries succeed.</param>
/// <param name="CreatedAt">Creation time.</param>
public sealed record WebhookResource(
    string Id,
    string Url,
    string? Description,
    IReadOnlyList<string> Events,
    string Status,
    string? DisabledReason,
    DateTimeOffset? DisabledAt,
    DateTimeOffset? FailingSince,
    DateTimeOffset CreatedAt);
