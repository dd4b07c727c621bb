using Telepath.Api.Pagination;

namespace Telepath.Api.Contracts;

/// <summary>Body of <c>GET /v1/webhooks</c>: both list shapes of spec §4.</summary>
/// <param name="Data">The page.</param>
/// <param name="Webhooks">The same page, under the resource's plural name.</param>
/// <param name="Pagination">Offset-style paging facts.</param>
/// <param name="HasMore">True when more items follow.</param>
/// <param name="NextCursor">Cursor for the next page, or null.</param>
public sealed record WebhookList(
    IReadOnlyList<WebhookResource> Data,
    IReadOnlyList<WebhookResource> Webhooks,
    PaginationInfo Pagination,
    bool HasMore,
    string? NextCursor);
