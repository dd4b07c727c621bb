namespace Telepath.Grains.Abstractions.Analytics;

/// <summary>One latency figure of an analytics answer (spec §7), in milliseconds; null when nothing was measured.</summary>
/// <param name="Avg">Exact mean of the samples.</param>
/// <param name="P50">Median (HdrHistogram, 2 significant digits).</param>
/// <param name="P95">95th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="Max">Exact largest sample.</param>
[GenerateSerializer, Immutable, Alias("telepath.LatencySummary")]
public sealed record LatencySummary(double? Avg, double? P50, double? P95, double? P99, double? Max)
{
    /// <summary>No samples.</summary>
    public static LatencySummary Empty { get; } = new(null, null, null, null, null);
}
