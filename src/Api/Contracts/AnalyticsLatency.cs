namespace Telepath.Api.Contracts;

/// <summary>A latency figure of an analytics answer, in milliseconds (each null with no samples).</summary>
/// <param name="Avg">Mean (exact).</param>
/// <param name="P50">Median.</param>
/// <param name="P95">95th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="Max">Largest (exact).</param>
public sealed record AnalyticsLatency(double? Avg, double? P50, double? P95, double? P99, double? Max);
