using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Telepath.Api.Errors;
using Telepath.Grains.Abstractions.Trunks;

namespace Telepath.Api.Trunks;

/// <summary>
/// The filters of <c>GET /v1/trunks</c> (spec §4–§5): <c>status</c>, <c>ai_provider</c> (or <c>provider</c>), and an
/// inclusive <c>from</c>/<c>to</c> range on <c>created_at</c> (synonyms <c>start_date</c>/<c>end_date</c>).
/// </summary>
/// <param name="Status">Only trunks with this status, or null.</param>
/// <param name="Provider">Only trunks of this provider, or null.</param>
/// <param name="From">Created at or after, or null.</param>
/// <param name="To">Created at or before, or null.</param>
internal sealed record TrunkListQuery(TrunkStatus? Status, TrunkProvider? Provider, DateTimeOffset? From, DateTimeOffset? To)
{
    /// <summary>Reads and checks the filters.</summary>
    public static (TrunkListQuery? Query, ApiError? Error) Parse(IQueryCollection query)
    {
        TrunkStatus? status = null;
        if (Single(query, "status", out var statusText, out var error))
        {
            status = TrunkProviders.StatusFromWire(statusText);
            if (status is null)
            {
                return (null, TrunkBodyReader.Invalid("status must be one of: active, inactive, error"));
            }
        }
        else if (error is not null)
        {
            return (null, error);
        }

        TrunkProvider? provider = null;
        var providerName = query.ContainsKey("ai_provider") ? "ai_provider" : "provider";
        if (Single(query, providerName, out var providerText, out error))
        {
            provider = TrunkProviders.FromWire(providerText);
            if (provider is null)
            {
                return (null, TrunkBodyReader.Invalid($"{providerName} must be one of: {TrunkProviders.ProviderNames}"));
            }
        }
        else if (error is not null)
        {
            return (null, error);
        }

        var (from, fromError) = ReadDate(query, "from", "start_date", endOfDay: false);
        if (fromError is not null)
        {
            return (null, fromError);
        }

        var (to, toError) = ReadDate(query, "to", "end_date", endOfDay: true);
        if (toError is not null)
        {
            return (null, toError);
        }

        if (from is not null && to is not null && from > to)
        {
            return (null, TrunkBodyReader.Invalid("from must not be after to"));
        }

        return (new TrunkListQuery(status, provider, from, to), null);
    }

    /// <summary>True when <paramref name="summary"/> passes every filter.</summary>
    public bool Matches(TrunkSummary summary) =>
        (Status is null || summary.Status == Status)
        && (Provider is null || summary.Provider == Provider)
        && (From is null || summary.CreatedAt >= From)
        && (To is null || summary.CreatedAt <= To);

    private static bool Single(IQueryCollection query, string name, out string? value, out ApiError? error)
    {
        value = null;
        error = null;
        if (!query.TryGetValue(name, out StringValues values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            return false;
        }

        if (values.Count > 1)
        {
            error = TrunkBodyReader.Invalid($"{name} must be given once");
            return false;
        }

        value = values[0];
        return true;
    }

    private static (DateTimeOffset? Value, ApiError? Error) ReadDate(IQueryCollection query, string name, string synonym, bool endOfDay)
    {
        var field = query.ContainsKey(name) ? name : synonym;
        if (!Single(query, field, out var text, out var error))
        {
            return (null, error);
        }

        // A bare date means the whole day: from its first instant, to its last (the range is inclusive).
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return (endOfDay ? start.AddDays(1).AddTicks(-1) : start, null);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            && text!.Contains('T', StringComparison.Ordinal)
            ? (instant, null)
            : (null, TrunkBodyReader.Invalid($"{field} must be an ISO 8601 date or timestamp such as 2024-01-15T10:30:00Z"));
    }
}
