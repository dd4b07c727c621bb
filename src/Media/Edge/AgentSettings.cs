namespace Telepath.Media.Edge;

/// <summary>Everything needed to open a trunk's AI agent connection for one call.</summary>
/// <param name="TrunkId">The trunk.</param>
/// <param name="Provider">Which protocol the agent speaks.</param>
/// <param name="WebSocketUrl">The agent endpoint (provider default already applied).</param>
/// <param name="ApiKey">The provider secret, decrypted for this connection only; null for custom agents without one.</param>
/// <param name="SystemPrompt">Instructions handed to the agent when the call starts, or null.</param>
/// <param name="Model">OpenAI model, or null.</param>
/// <param name="Voice">OpenAI voice, or null.</param>
/// <param name="ElevenLabsAgentId">ElevenLabs agent id, or null.</param>
/// <param name="CustomHeaders">Extra headers for the WebSocket handshake (custom agents).</param>
public sealed record AgentSettings(
    string TrunkId,
    AgentProvider Provider,
    Uri WebSocketUrl,
    string? ApiKey,
    string? SystemPrompt,
    string? Model,
    string? Voice,
    string? ElevenLabsAgentId,
    IReadOnlyDictionary<string, string> CustomHeaders)
{
    /// <summary>Keeps the provider secret and headers (which may carry tokens) out of logs.</summary>
    public override string ToString() => $"AgentSettings {{ TrunkId = {TrunkId}, Provider = {Provider}, WebSocketUrl = {WebSocketUrl.GetLeftPart(UriPartial.Path)} }}";
}
