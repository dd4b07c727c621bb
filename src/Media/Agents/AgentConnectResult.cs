namespace Telepath.Media.Agents;

/// <summary>The outcome of <see cref="IAgentConnector.ConnectAsync"/>: a connection, or why there is none.</summary>
/// <param name="Status">How the attempt ended.</param>
/// <param name="Connection">The open connection when <paramref name="Status"/> is <see cref="AgentConnectStatus.Connected"/>.</param>
/// <param name="Detail">A short, secret-free description of the failure, or null.</param>
internal sealed record AgentConnectResult(AgentConnectStatus Status, IAgentConnection? Connection, string? Detail)
{
    /// <summary>Creates a failed result.</summary>
    public static AgentConnectResult Failed(AgentConnectStatus status, string detail) => new(status, null, detail);
}
