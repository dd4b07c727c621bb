using System.Globalization;

namespace Telepath.Load;

/// <summary>Whole-machine CPU use from <c>/proc/stat</c> (Linux): busy jiffies over all jiffies between two samples.</summary>
internal readonly record struct MachineCpu(long Busy, long Total)
{
    /// <summary>Samples the first line of <c>/proc/stat</c>; zeros where it does not exist.</summary>
    public static MachineCpu Sample()
    {
        if (!File.Exists("/proc/stat"))
        {
            return default;
        }

        string[] fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long total = 0;
        long idle = 0;
        for (int i = 1; i < fields.Length; i++)
        {
            long value = long.Parse(fields[i], CultureInfo.InvariantCulture);
            total += value;
            if (i is 4 or 5)
            {
                // idle and iowait
                idle += value;
            }
        }

        return new MachineCpu(total - idle, total);
    }

    /// <summary>Percent of the whole machine busy between <paramref name="start"/> and this sample.</summary>
    public double PercentSince(MachineCpu start) =>
        Total == start.Total ? 0 : 100.0 * (Busy - start.Busy) / (Total - start.Total);
}
