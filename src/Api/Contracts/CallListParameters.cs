using Microsoft.AspNetCore.Mvc;

namespace Telepath.Api.Contracts;

/// <summary>
/// Query parameters of <c>GET /v1/calls</c>. All are read as text and checked by the endpoint, so a bad value is a
/// <c>400 invalid_parameters</c> naming the parameter rather than a framework binding failure.
/// </summary>
public sealed class CallListParameters
{
    /// <summary>Only this trunk's calls.</summary>
    [FromQuery(Name = "trunk_id")] public string? TrunkId { get; init; }

    /// <summary><c>ringing</c>, <c>connected</c>, <c>completed</c>, <c>failed</c> or <c>dropped</c>.</summary>
    [FromQuery(Name = "status")] public string? Status { get; init; }

    /// <summary><c>inbound</c> or <c>outbound</c>.</summary>
    [FromQuery(Name = "direction")] public string? Direction { get; init; }

    /// <summary>Calls that started at or after this ISO 8601 time (a date alone means its start).</summary>
    [FromQuery(Name = "from")] public string? From { get; init; }

    /// <summary>Calls that started at or before this ISO 8601 time (a date alone means its end).</summary>
    [FromQuery(Name = "to")] public string? To { get; init; }

    /// <summary>Synonym of <c>from</c>.</summary>
    [FromQuery(Name = "start_date")] public string? StartDate { get; init; }

    /// <summary>Synonym of <c>to</c>.</summary>
    [FromQuery(Name = "end_date")] public string? EndDate { get; init; }

    /// <summary>Calls lasting at least this many seconds (from answer).</summary>
    [FromQuery(Name = "min_duration")] public string? MinDuration { get; init; }

    /// <summary>Calls whose average AI latency is at least this many milliseconds.</summary>
    [FromQuery(Name = "min_ai_latency_ms")] public string? MinAiLatencyMs { get; init; }

    /// <summary>
    /// <c>start_time</c> (default), <c>duration</c>, <c>ai_latency_ms</c>, <c>carrier_lag_ms</c> or
    /// <c>gateway_processing_ms</c>; a leading <c>-</c> means descending, a leading <c>+</c> (URL-encoded as <c>%2B</c>) ascending.
    /// </summary>
    [FromQuery(Name = "sort")] public string? Sort { get; init; }

    /// <summary><c>desc</c> (default: newest, longest, slowest first) or <c>asc</c>; overrides a sign on <c>sort</c>.</summary>
    [FromQuery(Name = "order")] public string? Order { get; init; }

    /// <summary>Page size, 1–100 (default 20).</summary>
    [FromQuery(Name = "limit")] public string? Limit { get; init; }

    /// <summary>Calls to skip (not with <c>cursor</c>).</summary>
    [FromQuery(Name = "offset")] public string? Offset { get; init; }

    /// <summary>A previous page's <c>next_cursor</c> (only valid with the same sort and order).</summary>
    [FromQuery(Name = "cursor")] public string? Cursor { get; init; }
}
