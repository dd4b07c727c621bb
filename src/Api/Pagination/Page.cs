namespace Telepath.Api.Pagination;

/// <summary>One page of a list plus what the list envelope reports about the rest.</summary>
/// <typeparam name="T">Item type.</typeparam>
/// <param name="Items">The page.</param>
/// <param name="Total">Items in the whole (filtered) list.</param>
/// <param name="HasMore">True when items follow this page.</param>
/// <param name="NextCursor">Cursor for the next page, or null on the last one.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, bool HasMore, string? NextCursor)
{
    /// <summary>
    /// Cuts a page out of a list that is already filtered and sorted newest first by a strictly descending
    /// <paramref name="sortKey"/> (ids are ULIDs, so key order is creation order).
    /// </summary>
    public static Page<T> From(IReadOnlyList<T> newestFirst, Func<T, string> sortKey, PageRequest request)
    {
        var start = request.Offset;
        if (request.After is { } after)
        {
            start = 0;
            while (start < newestFirst.Count && string.CompareOrdinal(sortKey(newestFirst[start]), after) >= 0)
            {
                start++;
            }
        }

        var count = Math.Clamp(newestFirst.Count - start, 0, request.Limit);
        var items = new T[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = newestFirst[start + i];
        }

        var hasMore = start + count < newestFirst.Count;
        var next = hasMore && count > 0 ? PageCursor.Encode(sortKey(items[^1])) : null;
        return new Page<T>(items, newestFirst.Count, hasMore, next);
    }
}
