namespace Telepath.Load;

/// <summary>The load process's garbage collections over a measured window: every pause stops the silo's media threads too.</summary>
/// <param name="Gen0Collections">Collections of any generation (gen0 counts include gen1 and gen2).</param>
/// <param name="Gen2Collections">Full collections.</param>
/// <param name="AllocatedBytesPerSecond">Bytes allocated per second (silo and generator).</param>
/// <param name="Paused">Total time the runtime paused threads for collections.</param>
/// <param name="TopTypes">The types allocated most, by sampled share of the bytes.</param>
internal sealed record GcFigures(int Gen0Collections, int Gen2Collections, double AllocatedBytesPerSecond, TimeSpan Paused, IReadOnlyList<(string Type, double Share)> TopTypes)
{
    /// <summary>One line for the report, and the top types on the next.</summary>
    public string Describe() =>
        FormattableString.Invariant($"{Gen0Collections} collections ({Gen2Collections} full), {AllocatedBytesPerSecond / 1_000_000:0.0} MB/s allocated, {Paused.TotalMilliseconds:0} ms paused")
        + Environment.NewLine + "    most allocated (sampled): "
        + string.Join(", ", TopTypes.Select(static t => FormattableString.Invariant($"{t.Type} {t.Share:P0}")));
}
