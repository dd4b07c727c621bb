using System.Numerics;

namespace Telepath.Media.Rtp.Engine;

/// <summary>
/// An allocation-free log-linear histogram of latencies in microseconds: exact below 32 µs, then 16
/// sub-buckets per power of two (≤ 6.25 % relative error), up to about 35 minutes. One writer thread;
/// readers get approximate but consistent-enough percentiles without locking.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBuckets = 16;
    private const int LinearLimit = 2 * SubBuckets;
    private const int MaxExponent = 31;
    private const int BucketCount = LinearLimit + ((MaxExponent - 5 + 1) * SubBuckets);

    private readonly long[] _counts = new long[BucketCount];
    private readonly long _frequency;
    private long _total;
    private long _sumMicros;

    /// <summary>Creates a histogram for timestamps of the given frequency (ticks per second).</summary>
    public LatencyHistogram(long timestampFrequency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timestampFrequency, 1);
        _frequency = timestampFrequency;
    }

    /// <summary>Gets the number of recorded values.</summary>
    public long Count => Volatile.Read(ref _total);

    /// <summary>Gets the mean of the recorded values in microseconds (exact, not bucketed), or 0 when empty.</summary>
    public double MeanMicroseconds
    {
        get
        {
            long total = Count;
            return total == 0 ? 0 : (double)Volatile.Read(ref _sumMicros) / total;
        }
    }

    /// <summary>Records the time between two <see cref="TimeProvider.GetTimestamp"/> values.</summary>
    public void RecordElapsed(long startTimestamp, long endTimestamp)
    {
        long ticks = endTimestamp - startTimestamp;
        long micros = ticks <= 0 ? 0 : (long)((Int128)ticks * 1_000_000 / _frequency);
        RecordMicroseconds(micros);
    }

    /// <summary>Records one value in microseconds (negative values count as zero).</summary>
    public void RecordMicroseconds(long micros)
    {
        _counts[IndexOf(micros)]++;
        Volatile.Write(ref _sumMicros, _sumMicros + Math.Max(0, micros));
        Volatile.Write(ref _total, _total + 1);
    }

    /// <summary>Gets the value at <paramref name="percentile"/> (0–100) in microseconds, or 0 when empty.</summary>
    public double GetPercentileMicroseconds(double percentile)
    {
        long total = Count;
        if (total == 0)
        {
            return 0;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(total * Math.Clamp(percentile, 0, 100) / 100));
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += Volatile.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return UpperBound(i);
            }
        }

        return UpperBound(_counts.Length - 1);
    }

    /// <summary>Adds another histogram's counts into this one (for aggregate reports).</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (int i = 0; i < _counts.Length; i++)
        {
            _counts[i] += Volatile.Read(ref other._counts[i]);
        }

        _sumMicros += Volatile.Read(ref other._sumMicros);
        _total += other.Count;
    }

    /// <summary>Clears all counts (single writer only).</summary>
    public void Reset()
    {
        Array.Clear(_counts);
        Volatile.Write(ref _sumMicros, 0);
        Volatile.Write(ref _total, 0);
    }

    private static int IndexOf(long micros)
    {
        if (micros < LinearLimit)
        {
            return micros < 0 ? 0 : (int)micros;
        }

        int exponent = Math.Min(BitOperations.Log2((ulong)micros), MaxExponent);
        int shift = exponent - 4;
        int sub = (int)Math.Min((micros >> shift) - SubBuckets, SubBuckets - 1);
        return LinearLimit + ((exponent - 5) * SubBuckets) + sub;
    }

    private static double UpperBound(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        int k = index - LinearLimit;
        int exponent = (k / SubBuckets) + 5;
        long sub = (k % SubBuckets) + SubBuckets;
        return ((sub + 1) << (exponent - 4)) - 1;
    }
}
