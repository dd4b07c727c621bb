namespace Telepath.Media.Agents;

/// <summary>
/// The agent answered the WebSocket upgrade with an HTTP error (e.g. 401, 404): retrying cannot help, so the
/// dialer's retry policy lets this one through at once.
/// </summary>
internal sealed class AgentHandshakeRejectedException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="AgentHandshakeRejectedException"/> class.</summary>
    public AgentHandshakeRejectedException(string message)
        : base(message)
    {
    }
}
