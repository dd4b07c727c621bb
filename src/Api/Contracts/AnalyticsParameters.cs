using Microsoft.AspNetCore.Mvc;

namespace Telepath.Api.Contracts;

/// <summary>Query parameters of the <c>/v1/analytics/*</c> endpoints (read as text, checked by the endpoint).</summary>
public sealed class AnalyticsParameters
{
    /// <summary>Window start, ISO 8601 (default: 24 hours before <c>to</c>).</summary>
    [FromQuery(Name = "from")] public string? From { get; init; }

    /// <summary>Window end, ISO 8601 (default: now).</summary>
    [FromQuery(Name = "to")] public string? To { get; init; }

    /// <summary>Synonym of <c>from</c>.</summary>
    [FromQuery(Name = "start_date")] public string? StartDate { get; init; }

    /// <summary>Synonym of <c>to</c>.</summary>
    [FromQuery(Name = "end_date")] public string? EndDate { get; init; }

    /// <summary>Only this trunk (overview and timeseries).</summary>
    [FromQuery(Name = "trunk_id")] public string? TrunkId { get; init; }

    /// <summary>Timeseries bucket width: <c>minute</c>, <c>hour</c> (default) or <c>day</c>.</summary>
    [FromQuery(Name = "interval")] public string? Interval { get; init; }
}
