using System.Globalization;

namespace Telepath.Load;

/// <summary>
/// The probe agent's garbage-collection counters at one moment, passed to the load process as one stdout line. Its
/// pauses stall the agent's reads and writes, which both measured directions include, so they are reported beside
/// the load process's own.
/// </summary>
/// <param name="Collections">Collections of any generation so far.</param>
/// <param name="FullCollections">Full (gen2) collections so far.</param>
/// <param name="AllocatedBytes">Bytes allocated so far.</param>
/// <param name="Paused">Time paused for collections so far.</param>
internal sealed record ProbeAgentGc(int Collections, int FullCollections, long AllocatedBytes, TimeSpan Paused)
{
    private const string Prefix = "gc ";

    /// <summary>The counters of this process now.</summary>
    public static ProbeAgentGc Current() =>
        new(GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration());

    /// <summary>Reads a line written by <see cref="Format"/>; null for any other line.</summary>
    public static ProbeAgentGc? Parse(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        string[] parts = line[Prefix.Length..].Split(' ');
        return new ProbeAgentGc(
            int.Parse(parts[0], CultureInfo.InvariantCulture),
            int.Parse(parts[1], CultureInfo.InvariantCulture),
            long.Parse(parts[2], CultureInfo.InvariantCulture),
            TimeSpan.FromTicks(long.Parse(parts[3], CultureInfo.InvariantCulture)));
    }

    /// <summary>The stdout line.</summary>
    public string Format() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Collections} {FullCollections} {AllocatedBytes} {Paused.Ticks}");

    /// <summary>The figures of the window from <paramref name="start"/> to this sample, over <paramref name="seconds"/>.</summary>
    public string DescribeSince(ProbeAgentGc start, double seconds) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Collections - start.Collections} collections ({FullCollections - start.FullCollections} full), {(AllocatedBytes - start.AllocatedBytes) / seconds / 1_000_000:0.0} MB/s allocated, {(Paused - start.Paused).TotalMilliseconds:0} ms paused");
}
