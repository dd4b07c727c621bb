using Telepath.Grains.Analytics;

namespace Telepath.Grains.Tests.Analytics;

/// <summary>One figure of one bucket: exact sums and max, HdrHistogram percentiles, compression between writes.</summary>
public sealed class MetricSeriesTests
{
    [Fact]
    public void Sealing_between_writes_keeps_every_sample()
    {
        var series = new MetricSeries();
        var all = new List<double>();
        var random = new Random(3);
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 40; i++)
            {
                var value = random.NextDouble() * 3000;
                all.Add(value);
                series.Record(value);
            }

            series.Seal();
            Assert.NotNull(series.Values);
        }

        var accumulator = new MetricAccumulator();
        series.MergeInto(accumulator);
        var summary = accumulator.ToSummary();

        Assert.Equal(all.Count, accumulator.Histogram.TotalCount);
        Assert.Equal(Math.Round(all.Average(), 2), summary.Avg);
        Assert.Equal(Math.Round(all.Max(), 2), summary.Max);
    }

    [Fact]
    public void Ignores_negative_and_non_finite_samples_and_clamps_huge_ones()
    {
        var series = new MetricSeries();

        series.Record(-1);
        series.Record(double.NaN);
        series.Record(double.PositiveInfinity);
        series.Record(1_000_000);

        Assert.Equal(1, series.Count);
        var accumulator = new MetricAccumulator();
        series.MergeInto(accumulator);
        Assert.Equal(1_000_000, accumulator.ToSummary().Max);
        // The histogram tops out at 100 s; the exact max still says what happened.
        Assert.InRange(accumulator.ToSummary().P99!.Value, 100_000, 101_000);
    }
}
