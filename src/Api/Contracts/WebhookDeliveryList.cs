using Telepath.Api.Pagination;

namespace Telepath.Api.Contracts;

/// <summary>Body of <c>GET /v1/webhooks/{id}/deliveries</c>: both list shapes of spec §4, newest first.</summary>
/// <param name="Data">The page.</param>
/// <param name="Deliveries">The same page, under the resource's plural name.</param>
/// <param name="Pagination">Offset-style paging facts.</param>
/// <param name="HasMore">True when more items follow.</param>
/// <param name="NextCursor">Cursor for the next page, or null.</param>
public sealed record WebhookDeliveryList(
    IReadOnlyList<WebhookDeliveryResource> Data,
    IReadOnlyList<WebhookDeliveryResource> Deliveries,
    PaginationInfo Pagination,
    bool HasMore,
    string? NextCursor);
