namespace Telepath.Grains.Abstractions.Trunks;

/// <summary>
/// Names of a trunk's encrypted fields. Each name is also bound into its ciphertext as associated data, so a value
/// cannot be moved to another field or trunk.
/// </summary>
public static class TrunkSecretFields
{
    /// <summary>The OpenAI API key.</summary>
    public const string OpenAiApiKey = "openai_api_key";

    /// <summary>The ElevenLabs API key.</summary>
    public const string ElevenLabsApiKey = "elevenlabs_api_key";

    /// <summary>The custom headers' values, as one JSON object.</summary>
    public const string CustomHeaders = "custom_headers";
}
