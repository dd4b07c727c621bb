namespace Telepath.Silo.Calls;

/// <summary>Settings of the <see cref="CallSweeper"/> (section <c>Telepath:Calls</c>).</summary>
public sealed class CallSweeperOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Telepath:Calls";

    /// <summary>Seconds between sweeps. Default 30.</summary>
    public int SweepIntervalSeconds { get; set; } = 30;

    /// <summary>
    /// Seconds a live row must have gone unwritten before its call may be swept, so that a silo that joined a moment
    /// ago (and may be missing from this silo's membership view) is not mistaken for a dead one. Default 60.
    /// </summary>
    public int GraceSeconds { get; set; } = 60;
}
