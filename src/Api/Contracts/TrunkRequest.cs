namespace Telepath.Api.Contracts;

/// <summary>
/// Body of <c>POST /v1/trunks</c> and <c>PATCH /v1/trunks/{id}</c>, for the OpenAPI document. The endpoints read the
/// JSON directly so that, on PATCH, an absent field is left alone and <c>null</c> clears an optional one. Unknown
/// fields are refused. <c>sip_username</c> and <c>sip_password</c> are accepted on create only.
/// </summary>
public sealed class TrunkRequest
{
    /// <summary>1–100 characters, unique in the account (case-insensitive). Required on create.</summary>
    public string? Name { get; init; }

    /// <summary><c>active</c> (default) or <c>inactive</c>.</summary>
    public string? Status { get; init; }

    /// <summary><c>openai</c>, <c>elevenlabs</c> or <c>custom</c>. Required on create.</summary>
    public string? AiProvider { get; init; }

    /// <summary>Synonym of <see cref="AiProvider"/>.</summary>
    public string? Provider { get; init; }

    /// <summary><c>wss://</c> URL (or <c>ws://</c> to loopback). Required for <c>custom</c>; null restores the provider default.</summary>
    public string? WebsocketUrl { get; init; }

    /// <summary>Synonym of <see cref="WebsocketUrl"/>.</summary>
    public string? CustomEndpoint { get; init; }

    /// <summary>Create only: <c>^[A-Za-z0-9._-]{3,64}$</c>, unique in the installation (case-insensitive); default the trunk id.</summary>
    public string? SipUsername { get; init; }

    /// <summary>Create only: 12–128 characters; generated (24 characters) when absent.</summary>
    public string? SipPassword { get; init; }

    /// <summary>E.164 numbers; when not empty, calls to other numbers are refused.</summary>
    public IReadOnlyList<string>? InboundNumbers { get; init; }

    /// <summary>IPv4/IPv6 addresses or CIDR networks; when not empty, INVITEs from elsewhere are refused.</summary>
    public IReadOnlyList<string>? AllowedSourceCidrs { get; init; }

    /// <summary>An <c>https://</c> URL for this trunk's call events.</summary>
    public string? StatusWebhookUrl { get; init; }

    /// <summary>At most 32768 characters.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>OpenAI model (at most 200 characters).</summary>
    public string? OpenaiModel { get; init; }

    /// <summary>OpenAI voice (at most 200 characters).</summary>
    public string? OpenaiVoice { get; init; }

    /// <summary>ElevenLabs agent id; required for <c>elevenlabs</c>.</summary>
    public string? ElevenlabsAgentId { get; init; }

    /// <summary>Write-only, encrypted at rest: extra WebSocket handshake headers (at most 20). Reads show the names only.</summary>
    public IReadOnlyDictionary<string, string>? CustomHeaders { get; init; }

    /// <summary>Write-only, encrypted at rest; required for <c>openai</c>.</summary>
    public string? OpenaiApiKey { get; init; }

    /// <summary>Write-only, encrypted at rest; required for <c>elevenlabs</c>.</summary>
    public string? ElevenlabsApiKey { get; init; }
}
