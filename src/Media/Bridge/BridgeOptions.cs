namespace Telepath.Media.Bridge;

/// <summary>Settings of the call bridge, bound from <c>Telepath:Bridge</c>.</summary>
public sealed class BridgeOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Telepath:Bridge";

    /// <summary>Gets or sets how often a live call reports its new turns and metrics so far. Default 5 s.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets how long the agent's last words may keep playing after it hung up before the BYE goes out.
    /// Default 3 s; zero sends the BYE at once.
    /// </summary>
    public TimeSpan HangupPlayoutTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Gets or sets the most agent audio held for one call beyond the RTP pacer's own queue (providers send faster than
    /// real time). Default 10 minutes (4.8 MB of G.711); audio beyond it is dropped and counted.
    /// </summary>
    public TimeSpan MaxPlayoutBacklog { get; set; } = TimeSpan.FromMinutes(10);
}
