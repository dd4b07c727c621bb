namespace Telepath.Api.Contracts;

/// <summary>The answer to endpoint creation: the endpoint plus its signing <c>secret</c>, shown this once.</summary>
/// <param name="Id">The endpoint id.</param>
/// <param name="Url">Where events are POSTed.</param>
/// <param name="Description">Its label, or null.</param>
/// <param name="Events">Subscribed types.</param>
/// <param name="Status">Always <c>enabled</c>.</param>
/// <param name="DisabledReason">Always null.</param>
/// <param name="DisabledAt">Always null.</param>
/// <param name="FailingSince">Always null.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="Secret">The signing secret (<c>whsec_…</c>): the HMAC-SHA256 key of <c>Telepath-Signature</c>.</param>
public sealed record CreatedWebhookResource(
    string Id,
    string Url,
    string? Description,
    IReadOnlyList<string> Events,
    string Status,
    string? DisabledReason,
    DateTimeOffset? DisabledAt,
    DateTimeOffset? FailingSince,
    DateTimeOffset CreatedAt,
    string Secret);
