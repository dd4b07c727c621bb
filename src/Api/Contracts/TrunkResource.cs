using System.Text.Json.Serialization;

namespace Telepath.Api.Contracts;

/// <summary>
/// A trunk as the API shows it (spec §5). Secrets are never shown: <see cref="HasProviderKey"/> says whether the
/// provider key is set and <see cref="CustomHeaderNames"/> lists the custom headers without their values.
/// Not sealed: <see cref="CreatedTrunkResource"/> adds the one-time password to it.
/// </summary>
public class TrunkResource
{
    /// <summary><c>trunk_…</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Name, unique in the account.</summary>
    public required string Name { get; init; }

    /// <summary><c>active</c>, <c>inactive</c> or <c>error</c>.</summary>
    public required string Status { get; init; }

    /// <summary><c>openai</c>, <c>elevenlabs</c> or <c>custom</c>.</summary>
    public required string AiProvider { get; init; }

    /// <summary>Same as <see cref="AiProvider"/>, for older clients.</summary>
    public required string Provider { get; init; }

    /// <summary>The agent URL calls dial (the provider's public endpoint unless overridden).</summary>
    public required string? WebsocketUrl { get; init; }

    /// <summary>The digest user name carriers authenticate with.</summary>
    public required string SipUsername { get; init; }

    /// <summary>The SIP host carriers send to.</summary>
    public required string SipEndpoint { get; init; }

    /// <summary><c>sip:{sip_username}@{sip_endpoint}</c>.</summary>
    public required string SipUri { get; init; }

    /// <summary>E.164 numbers the trunk answers; empty means any.</summary>
    public required IReadOnlyList<string> InboundNumbers { get; init; }

    /// <summary>Source networks INVITEs may come from; empty means any.</summary>
    public required IReadOnlyList<string> AllowedSourceCidrs { get; init; }

    /// <summary>HTTPS URL receiving this trunk's call events, or null.</summary>
    public required string? StatusWebhookUrl { get; init; }

    /// <summary>
    /// The secret that signs deliveries to <see cref="StatusWebhookUrl"/> (<c>Telepath-Signature</c>, as for account
    /// webhooks). Present only in the answer to the request that set or changed the URL; a new URL has a new secret.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StatusWebhookSecret { get; init; }

    /// <summary>Instructions handed to the agent, or null.</summary>
    public required string? SystemPrompt { get; init; }

    /// <summary>OpenAI model, or null.</summary>
    public required string? OpenaiModel { get; init; }

    /// <summary>OpenAI voice, or null.</summary>
    public required string? OpenaiVoice { get; init; }

    /// <summary>ElevenLabs agent id, or null.</summary>
    public required string? ElevenlabsAgentId { get; init; }

    /// <summary>True when the provider's API key is set (it is never shown).</summary>
    public required bool HasProviderKey { get; init; }

    /// <summary>True when custom headers are set.</summary>
    public required bool HasCustomHeaders { get; init; }

    /// <summary>Names of the custom headers (their values are write-only).</summary>
    public required IReadOnlyList<string> CustomHeaderNames { get; init; }

    /// <summary>Creation time.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Last change.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Live figures.</summary>
    public required TrunkMetricsResource Metrics { get; init; }
}
