namespace Telepath.Grains.Abstractions.Trunks;

/// <summary>
/// When a trunk goes into <c>error</c> (spec §5: "set by the system when the agent cannot be reached; clears itself
/// on the next good call"), bound from <c>Telepath:TrunkHealth</c>. Calls are still admitted while in error, so the
/// trunk can recover.
/// </summary>
public sealed class TrunkHealthOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Telepath:TrunkHealth";

    /// <summary>The disconnect reason of a call whose agent could not be reached.</summary>
    public const string AgentUnreachable = "agent_unreachable";

    /// <summary>The disconnect reason of a call whose agent failed mid-call.</summary>
    public const string AgentError = "agent_error";

    /// <summary>Gets or sets how many agent failures in a row put the trunk into error. Default 3.</summary>
    public int FailureThreshold { get; set; } = 3;

    /// <summary>
    /// Gets or sets how close together failures must be to count as "in a row": a failure more than this after the
    /// previous one starts a new run. Default 5 minutes.
    /// </summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets how long after its last agent failure a trunk in error clears itself when no call has proven the
    /// agent healthy meanwhile. Default 15 minutes (checked by a reminder, so at least one minute).
    /// </summary>
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromMinutes(15);
}
