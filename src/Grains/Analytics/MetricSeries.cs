using HdrHistogram;
using HdrHistogram.Utilities;

namespace Telepath.Grains.Analytics;

/// <summary>
/// One figure (e.g. AI latency) of one bucket: exact count, sum and max, plus an HdrHistogram for percentiles. The
/// histogram is dense only while the bucket is being written; <see cref="Seal"/> compresses it (a few dozen bytes for
/// a sparse bucket instead of kilobytes), which is the only form persisted, so 2,880 minute and 2,160 hour buckets
/// stay small.
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

    [Id(3)] public byte[]? Compressed { get; set; }

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
        accumulator.Histogram.Add(_live ?? Decode(Compressed!));
    }

    /// <summary>Compresses the dense histogram, if any, and drops it.</summary>
    public void Seal()
    {
        if (_live is null)
        {
            return;
        }

        var buffer = ByteBuffer.Allocate(_live.GetNeededByteBufferCapacity());
        _live.EncodeIntoCompressedByteBuffer(buffer);
        var compressed = new byte[buffer.Position];
        buffer.Position = 0;
        for (var i = 0; i < compressed.Length; i++)
        {
            compressed[i] = buffer.Get();
        }

        Compressed = compressed;
        _live = null;
    }

    private LongHistogram Live()
    {
        if (_live is null)
        {
            _live = NewHistogram();
            if (Compressed is not null)
            {
                _live.Add(Decode(Compressed));
            }
        }

        return _live;
    }

    private static HistogramBase Decode(byte[] compressed) =>
        HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(compressed), 0);
}
