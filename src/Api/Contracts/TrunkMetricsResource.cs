namespace Telepath.Api.Contracts;

/// <summary>The <c>metrics</c> member of a trunk (spec §5).</summary>
/// <param name="CallsToday">Calls that reached the trunk since midnight UTC.</param>
/// <param name="SuccessRate">Share of those calls that completed normally, 0–100.</param>
/// <param name="AvgLatencyMs">Average AI latency over the last 7 days, in milliseconds.</param>
/// <param name="ActiveCalls">Calls in progress now.</param>
public sealed record TrunkMetricsResource(long CallsToday, double SuccessRate, int AvgLatencyMs, int ActiveCalls)
{
    /// <summary>The figures of a trunk with no call history.</summary>
    public static TrunkMetricsResource Zero { get; } = new(0, 0, 0, 0);
}
