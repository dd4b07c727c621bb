namespace Telepath.Media.Edge;

/// <summary>How a call ended (spec §6 <c>status</c> of an ended call).</summary>
public enum CallOutcome
{
    /// <summary>Connected and ended normally (either side hung up).</summary>
    Completed,

    /// <summary>Never connected: refused, authentication failed, agent unreachable, cancelled.</summary>
    Failed,

    /// <summary>Connected, then ended abnormally (media timeout, agent error, network, shutdown).</summary>
    Dropped,
}
