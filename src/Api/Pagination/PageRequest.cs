using System.Globalization;
using Microsoft.AspNetCore.Http;
using Telepath.Api.Errors;

namespace Telepath.Api.Pagination;

/// <summary>
/// The paging part of a list request (spec §4): <c>limit</c> 1–100 (default 20) with either <c>offset</c> (≥ 0) or
/// <c>cursor</c> (a previous page's <c>next_cursor</c>), never both.
/// </summary>
/// <param name="Limit">Items per page.</param>
/// <param name="Offset">Items to skip; 0 with a cursor.</param>
/// <param name="After">The sort key the cursor points past, or null.</param>
public sealed record PageRequest(int Limit, int Offset, string? After)
{
    /// <summary>Default page size.</summary>
    public const int DefaultLimit = 20;

    /// <summary>Largest page size.</summary>
    public const int MaxLimit = 100;

    /// <summary>Reads and checks the paging parameters of <paramref name="query"/>.</summary>
    public static (PageRequest? Page, ApiError? Error) Parse(IQueryCollection query)
    {
        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var limitText))
        {
            if (limitText.Count != 1 || !int.TryParse(limitText[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit)
            {
                return (null, Invalid("limit must be between 1 and 100"));
            }
        }

        var offset = 0;
        var hasOffset = query.TryGetValue("offset", out var offsetText);
        if (hasOffset && (offsetText.Count != 1 || !int.TryParse(offsetText[0], NumberStyles.None, CultureInfo.InvariantCulture, out offset)))
        {
            return (null, Invalid("offset must be a whole number of 0 or more"));
        }

        string? after = null;
        if (query.TryGetValue("cursor", out var cursorText) && cursorText.Count > 0 && !string.IsNullOrEmpty(cursorText[0]))
        {
            if (hasOffset)
            {
                return (null, Invalid("offset and cursor cannot be used together"));
            }

            after = PageCursor.Decode(cursorText[0]!);
            if (after is null)
            {
                return (null, Invalid("cursor is not a cursor this API returned"));
            }
        }

        return (new PageRequest(limit, offset, after), null);
    }

    private static ApiError Invalid(string message) => new(ApiErrorCodes.InvalidParameters, message, StatusCodes.Status400BadRequest);
}
