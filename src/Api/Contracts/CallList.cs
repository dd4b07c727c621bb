using Telepath.Api.Pagination;

namespace Telepath.Api.Contracts;

/// <summary>Body of <c>GET /v1/calls</c>: both list shapes of spec §4.</summary>
/// <param name="Data">The page.</param>
/// <param name="Calls">The same page under the resource's plural name.</param>
/// <param name="Pagination">Offset-style paging facts.</param>
/// <param name="HasMore">True when more calls follow.</param>
/// <param name="NextCursor">Cursor for the next page (bound to the sort), or null.</param>
public sealed record CallList(
    IReadOnlyList<CallResource> Data,
    IReadOnlyList<CallResource> Calls,
    PaginationInfo Pagination,
    bool HasMore,
    string? NextCursor);
