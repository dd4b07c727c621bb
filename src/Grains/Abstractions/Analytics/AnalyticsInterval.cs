namespace Telepath.Grains.Abstractions.Analytics;

/// <summary>Bucket width of <c>/v1/analytics/timeseries</c>.</summary>
public enum AnalyticsInterval
{
    /// <summary>One minute (kept for the last 48 hours).</summary>
    Minute,

    /// <summary>One hour (kept for the last 90 days).</summary>
    Hour,

    /// <summary>One UTC day, made of hour buckets.</summary>
    Day,
}
