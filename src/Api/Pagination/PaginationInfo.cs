namespace Telepath.Api.Pagination;

/// <summary>The <c>pagination</c> member of a list body (spec §4).</summary>
/// <param name="Limit">Page size asked for.</param>
/// <param name="Offset">Offset asked for (0 for cursor walks).</param>
/// <param name="Total">Items in the whole filtered list.</param>
public sealed record PaginationInfo(int Limit, int Offset, int Total);
