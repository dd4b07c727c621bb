namespace Telepath.Media.Agents;

/// <summary>How an attempt to open an agent connection ended.</summary>
internal enum AgentConnectStatus
{
    /// <summary>The WebSocket is open and the session set-up has been queued.</summary>
    Connected,

    /// <summary>No connection after the retry budget (refused, DNS, timeout, handshake rejected): the bridge ends the call with <c>agent_unreachable</c>.</summary>
    Unreachable,

    /// <summary>The settings cannot work (missing key, agent id or URL): a configuration error, not worth retrying.</summary>
    Misconfigured,
}
