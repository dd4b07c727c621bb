using HdrHistogram;
using Telepath.Grains.Abstractions.Analytics;

namespace Telepath.Grains.Analytics;

/// <summary>Merges the <see cref="MetricSeries"/> of many buckets into one <see cref="LatencySummary"/>.</summary>
internal sealed class MetricAccumulator
{
    public long Count { get; set; }

    public double Sum { get; set; }

    public double Max { get; set; }

    public LongHistogram Histogram { get; } = MetricSeries.NewHistogram();

    /// <summary>Average, exact; percentiles from the histogram, never above the exact max.</summary>
    public LatencySummary ToSummary()
    {
        if (Count == 0)
        {
            return LatencySummary.Empty;
        }

        return new LatencySummary(Round(Sum / Count), Percentile(50), Percentile(95), Percentile(99), Round(Max));
    }

    private double Percentile(double percentile) =>
        Round(Math.Min(Max, Histogram.GetValueAtPercentile(percentile) / MetricSeries.UnitsPerMs));

    private static double Round(double value) => Math.Round(value, 2);
}
