using Telepath.Media.Edge;

namespace Telepath.Media.Agents;

/// <summary>Opens agent connections; the seam the call bridge uses (and replaces with a double in its tests).</summary>
internal interface IAgentConnector
{
    /// <summary>
    /// Connects to the trunk's agent and queues the provider's session set-up. Never throws for network or
    /// provider failures: they come back as <see cref="AgentConnectStatus.Unreachable"/> after the retry budget.
    /// </summary>
    ValueTask<AgentConnectResult> ConnectAsync(AgentSettings settings, AgentCallContext context, CancellationToken cancellationToken);
}
