using Telepath.Grains.Abstractions.Trunks;

namespace Telepath.Api.Trunks;

/// <summary>Wire names of providers and statuses, and the providers' public WebSocket endpoints.</summary>
public static class TrunkProviders
{
    /// <summary>OpenAI Realtime's public endpoint (the model goes in the query string per call).</summary>
    public const string OpenAiUrl = "wss://api.openai.com/v1/realtime";

    /// <summary>ElevenLabs' conversational agent endpoint (the agent id goes in the query string per call).</summary>
    public const string ElevenLabsUrl = "wss://api.elevenlabs.io/v1/convai/conversation";

    /// <summary>The accepted provider names, for messages.</summary>
    public const string ProviderNames = "openai, elevenlabs, custom";

    /// <summary>The wire name of <paramref name="provider"/>.</summary>
    public static string ToWire(TrunkProvider provider) => provider switch
    {
        TrunkProvider.OpenAi => "openai",
        TrunkProvider.ElevenLabs => "elevenlabs",
        _ => "custom",
    };

    /// <summary>The provider a wire name means, or null.</summary>
    public static TrunkProvider? FromWire(string? value) => value switch
    {
        "openai" => TrunkProvider.OpenAi,
        "elevenlabs" => TrunkProvider.ElevenLabs,
        "custom" => TrunkProvider.Custom,
        _ => null,
    };

    /// <summary>The wire name of <paramref name="status"/>.</summary>
    public static string ToWire(TrunkStatus status) => status switch
    {
        TrunkStatus.Active => "active",
        TrunkStatus.Inactive => "inactive",
        _ => "error",
    };

    /// <summary>The status a wire name means, or null.</summary>
    public static TrunkStatus? StatusFromWire(string? value) => value switch
    {
        "active" => TrunkStatus.Active,
        "inactive" => TrunkStatus.Inactive,
        "error" => TrunkStatus.Error,
        _ => null,
    };

    /// <summary>The URL calls dial: the configured one, else the provider's public endpoint (null for custom).</summary>
    public static string? EffectiveUrl(TrunkProvider provider, string? configured) => configured ?? provider switch
    {
        TrunkProvider.OpenAi => OpenAiUrl,
        TrunkProvider.ElevenLabs => ElevenLabsUrl,
        _ => null,
    };

    /// <summary>The secret field holding <paramref name="provider"/>'s API key, or null when it has none.</summary>
    public static string? KeyField(TrunkProvider provider) => provider switch
    {
        TrunkProvider.OpenAi => TrunkSecretFields.OpenAiApiKey,
        TrunkProvider.ElevenLabs => TrunkSecretFields.ElevenLabsApiKey,
        _ => null,
    };
}
