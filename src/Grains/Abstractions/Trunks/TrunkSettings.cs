namespace Telepath.Grains.Abstractions.Trunks;

/// <summary>The user-editable, non-secret configuration of a trunk (spec §5). Secrets travel separately, encrypted.</summary>
/// <param name="Name">Display name, unique in the account (case-insensitive).</param>
/// <param name="Status">Active, inactive or error.</param>
/// <param name="Provider">The agent protocol.</param>
/// <param name="WebSocketUrl">The agent URL when set explicitly; null means the provider's public endpoint.</param>
/// <param name="InboundNumbers">E.164 numbers the trunk answers; empty means any.</param>
/// <param name="AllowedSourceCidrs">Source networks INVITEs may come from; empty means any.</param>
/// <param name="StatusWebhookUrl">HTTPS URL for this trunk's call events, or null.</param>
/// <param name="SystemPrompt">Instructions for the agent, or null.</param>
/// <param name="OpenAiModel">OpenAI model, or null.</param>
/// <param name="OpenAiVoice">OpenAI voice, or null.</param>
/// <param name="ElevenLabsAgentId">ElevenLabs agent id, or null.</param>
/// <param name="CustomHeaderNames">Names of the custom WebSocket headers (their values are a secret).</param>
[GenerateSerializer, Immutable, Alias("telepath.TrunkSettings")]
public sealed record TrunkSettings(
    string Name,
    TrunkStatus Status,
    TrunkProvider Provider,
    string? WebSocketUrl,
    IReadOnlyList<string> InboundNumbers,
    IReadOnlyList<string> AllowedSourceCidrs,
    string? StatusWebhookUrl,
    string? SystemPrompt,
    string? OpenAiModel,
    string? OpenAiVoice,
    string? ElevenLabsAgentId,
    IReadOnlyList<string> CustomHeaderNames);
