namespace Telepath.Api.Contracts;

/// <summary><c>GET /v1/analytics/timeseries</c>: one overview per bucket, oldest first.</summary>
/// <param name="TrunkId">The trunk, or null for the whole account.</param>
/// <param name="From">Window start.</param>
/// <param name="To">Window end.</param>
/// <param name="Interval"><c>minute</c>, <c>hour</c> or <c>day</c>.</param>
/// <param name="Buckets">Buckets whose <c>from</c>/<c>to</c> are the bucket's bounds.</param>
public sealed record AnalyticsTimeseries(string? TrunkId, DateTimeOffset From, DateTimeOffset To, string Interval, IReadOnlyList<AnalyticsOverview> Buckets);
