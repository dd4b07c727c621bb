using Microsoft.AspNetCore.Http;
using Telepath.Api.Errors;
using Telepath.Grains.Abstractions.Trunks;

namespace Telepath.Api.Trunks;

/// <summary>The rules that look at a whole trunk rather than one field: required fields and what each provider needs.</summary>
internal static class TrunkDraftValidator
{
    /// <summary>The first broken rule of <paramref name="draft"/>, or null.</summary>
    public static ApiError? Validate(TrunkDraft draft)
    {
        if (draft.Name is null)
        {
            return Missing("name is required");
        }

        if (draft.Provider is not { } provider)
        {
            return Missing($"ai_provider is required (one of: {TrunkProviders.ProviderNames})");
        }

        // A key for another provider than the trunk's would be stored, encrypted, and never used: say so instead.
        foreach (var field in draft.NewSecrets.Keys)
        {
            if (field is TrunkSecretFields.OpenAiApiKey or TrunkSecretFields.ElevenLabsApiKey && field != TrunkProviders.KeyField(provider))
            {
                return TrunkBodyReader.Invalid($"{field} applies only to ai_provider {(field == TrunkSecretFields.OpenAiApiKey ? "openai" : "elevenlabs")}");
            }
        }

        return provider switch
        {
            TrunkProvider.OpenAi when !draft.HasSecret(TrunkSecretFields.OpenAiApiKey) =>
                Missing("openai_api_key is required when ai_provider is openai"),
            TrunkProvider.ElevenLabs when !draft.HasSecret(TrunkSecretFields.ElevenLabsApiKey) =>
                Missing("elevenlabs_api_key is required when ai_provider is elevenlabs"),
            TrunkProvider.ElevenLabs when draft.ElevenLabsAgentId is null =>
                Missing("elevenlabs_agent_id is required when ai_provider is elevenlabs"),
            TrunkProvider.Custom when draft.WebSocketUrl is null =>
                Missing("websocket_url is required when ai_provider is custom"),
            _ => null,
        };
    }

    private static ApiError Missing(string message) => new(ApiErrorCodes.MissingRequired, message, StatusCodes.Status400BadRequest);
}
