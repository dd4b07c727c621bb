using System.Globalization;
using Microsoft.AspNetCore.Http;
using Telepath.Api.Errors;

namespace Telepath.Api.Endpoints;

/// <summary>Query-value parsing shared by the calls and analytics endpoints.</summary>
internal static partial class CallsEndpoints
{
    /// <summary>
    /// Reads a date range (spec §4): <c>from</c>/<c>to</c> or their synonyms <c>start_date</c>/<c>end_date</c>, ISO 8601;
    /// a bare date means the start of that day for <c>from</c> and its last millisecond for <c>to</c> (inclusive).
    /// </summary>
    public static ApiError? TryParseRange(string? from, string? startDate, string? to, string? endDate, out DateTimeOffset? start, out DateTimeOffset? end)
    {
        start = null;
        end = null;
        if (Pick(from, "from", startDate, "start_date", out var fromText, out var fromName) is { } conflict)
        {
            return conflict;
        }

        if (Pick(to, "to", endDate, "end_date", out var toText, out var toName) is { } conflict2)
        {
            return conflict2;
        }

        if (fromText is not null)
        {
            if (!TryParseTime(fromText, endOfDay: false, out var value))
            {
                return Invalid($"{fromName} must be an ISO 8601 date or time, e.g. 2026-01-31T12:00:00Z");
            }

            start = value;
        }

        if (toText is not null)
        {
            if (!TryParseTime(toText, endOfDay: true, out var value))
            {
                return Invalid($"{toName} must be an ISO 8601 date or time, e.g. 2026-01-31T12:00:00Z");
            }

            end = value;
        }

        return start > end ? Invalid($"{fromName} must not be after {toName}") : null;
    }

    /// <summary>Reads a non-negative finite number.</summary>
    public static ApiError? TryParseNumber(string? text, string name, out double? value)
    {
        value = null;
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number) || number < 0)
        {
            return Invalid($"{name} must be a number of 0 or more");
        }

        value = number;
        return null;
    }

    /// <summary>A <c>400 invalid_parameters</c> error.</summary>
    public static ApiError Invalid(string message) => new(ApiErrorCodes.InvalidParameters, message, StatusCodes.Status400BadRequest);

    private static ApiError? Pick(string? primary, string primaryName, string? synonym, string synonymName, out string? text, out string name)
    {
        text = primary ?? synonym;
        name = primary is not null ? primaryName : synonymName;
        return primary is not null && synonym is not null && primary != synonym
            ? Invalid($"{primaryName} and {synonymName} are synonyms; give one of them")
            : null;
    }

    private static bool TryParseTime(string text, bool endOfDay, out DateTimeOffset value)
    {
        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var midnight = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            value = endOfDay ? midnight.AddDays(1).AddMilliseconds(-1) : midnight;
            return true;
        }

        // A time must say its offset (Z or ±hh:mm): a local time would mean different things on different silos.
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value) & hasOffset;
    }
}
