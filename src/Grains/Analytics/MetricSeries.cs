using HdrHistogram;

namespace Telepath.Grains.Analytics;

/// <summary>
/// One figure (e.g. AI latency) of one bucket: exact count, sum and max, plus an HdrHistogram for percentiles. The
/// histogram is dense only while the bucket is being written; <see cref="Seal"/> turns it into its recorded
/// (value, count) pairs — a few entries for a typical bucket instead of kilobytes — which is the only form persisted,
/// so 2,880 minute and 2,160 hour buckets stay small, and a query replays the pairs into its accumulator without
/// decoding or allocating a histogram per bucket.
/// </summary>
[GenerateSerializer, Alias("telepath.MetricSeries")]
internal sealed class MetricSeries
{
    /// <summary>Histogram values are tenths of a millisecond.</summary>
    public const double UnitsPerMs = 10;

    /// <summary>Largest value tracked: 100 s (larger samples are clamped; max and avg stay exact).</summary>
    public const long HighestTrackable = 1_000_000;

    /// <summary>Two significant digits: percentiles within 1 %.</summary>
    public const int SignificantDigits = 2;

    [NonSerialized]
    private LongHistogram? _live;

    [Id(0)] public long Count { get; set; }

    [Id(1)] public double Sum { get; set; }

    [Id(2)] public double Max { get; set; }

    /// <summary>Sealed form: the histogram's recorded values (highest equivalent value of each sub-bucket).</summary>
    [Id(3)] public long[]? Values { get; set; }

    /// <summary>Sealed form: the count at each of <see cref="Values"/>.</summary>
    [Id(4)] public long[]? Counts { get; set; }

    /// <summary>A new dense histogram of this shape.</summary>
    public static LongHistogram NewHistogram() => new(HighestTrackable, SignificantDigits);

    /// <summary>Adds one sample in milliseconds (negative or non-finite values are ignored).</summary>
    public void Record(double ms)
    {
        if (!double.IsFinite(ms) || ms < 0)
        {
            return;
        }

        Count++;
        Sum += ms;
        Max = Count == 1 ? ms : Math.Max(Max, ms);
        Live().RecordValue(Math.Min(HighestTrackable, (long)Math.Round(ms * UnitsPerMs)));
    }

    /// <summary>Adds this series into an accumulator.</summary>
    public void MergeInto(MetricAccumulator accumulator)
    {
        if (Count == 0)
        {
            return;
        }

        accumulator.Count += Count;
        accumulator.Sum += Sum;
        accumulator.Max = accumulator.Count == Count ? Max : Math.Max(accumulator.Max, Max);
        if (_live is not null)
        {
            accumulator.Histogram.Add(_live);
        }
        else
        {
            Replay(accumulator.Histogram);
        }
    }

    /// <summary>Turns the dense histogram, if any, into (value, count) pairs and drops it.</summary>
    public void Seal()
    {
        if (_live is null)
        {
            return;
        }

        var values = new List<long>();
        var counts = new List<long>();
        foreach (var step in _live.RecordedValues())
        {
            values.Add(step.ValueIteratedTo);
            counts.Add(step.CountAtValueIteratedTo);
        }

        Values = [.. values];
        Counts = [.. counts];
        _live = null;
    }

    private LongHistogram Live()
    {
        if (_live is null)
        {
            _live = NewHistogram();
            Replay(_live);
        }

        return _live;
    }

    private void Replay(HistogramBase histogram)
    {
        if (Values is null || Counts is null)
        {
            return;
        }

        for (var i = 0; i < Values.Length; i++)
        {
            histogram.RecordValueWithCount(Values[i], Counts[i]);
        }
    }
}
