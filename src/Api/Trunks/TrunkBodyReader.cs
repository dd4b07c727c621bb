using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Telepath.Api.Errors;
using Telepath.Grains.Abstractions.Trunks;

namespace Telepath.Api.Trunks;

/// <summary>
/// Applies a create or PATCH body to a <see cref="TrunkDraft"/>, field by field, straight from the JSON document so
/// that an absent field (unchanged) and an explicit <c>null</c> (cleared) stay apart. Unknown fields are refused.
/// </summary>
internal static class TrunkBodyReader
{
    /// <summary>Applies <paramref name="body"/>; returns the first broken rule, or null.</summary>
    public static ApiError? Apply(JsonElement body, TrunkDraft draft, bool creating)
    {
        string? provider = null;
        string? providerField = null;
        string? url = null;
        string? urlField = null;
        foreach (var property in body.EnumerateObject())
        {
            var value = property.Value;
            var error = property.Name switch
            {
                "name" => ReadName(value, draft),
                "status" => ReadStatus(value, draft),
                "ai_provider" or "provider" => ReadSynonym(property.Name, value, ref provider, ref providerField),
                "websocket_url" or "custom_endpoint" => ReadSynonym(property.Name, value, ref url, ref urlField),
                "sip_username" => creating ? ReadSipUsername(value, draft) : Invalid("sip_username cannot be changed; create a new trunk for a new SIP identity"),
                "sip_password" => creating ? ReadSipPassword(value, draft) : Invalid("sip_password cannot be changed with PATCH; use POST /v1/trunks/{id}/rotate-sip-password"),
                "inbound_numbers" => ReadInboundNumbers(value, draft),
                "allowed_source_cidrs" => ReadCidrs(value, draft),
                "status_webhook_url" => ReadWebhookUrl(value, draft),
                "system_prompt" => ReadOptionalText(value, "system_prompt", TrunkRules.MaxSystemPromptLength, allowLineBreaks: true, v => draft.SystemPrompt = v),
                "openai_model" => ReadOptionalText(value, "openai_model", TrunkRules.MaxSettingLength, allowLineBreaks: false, v => draft.OpenAiModel = v),
                "openai_voice" => ReadOptionalText(value, "openai_voice", TrunkRules.MaxSettingLength, allowLineBreaks: false, v => draft.OpenAiVoice = v),
                "elevenlabs_agent_id" => ReadOptionalText(value, "elevenlabs_agent_id", TrunkRules.MaxSettingLength, allowLineBreaks: false, v => draft.ElevenLabsAgentId = v),
                "openai_api_key" => ReadApiKey(value, TrunkSecretFields.OpenAiApiKey, draft),
                "elevenlabs_api_key" => ReadApiKey(value, TrunkSecretFields.ElevenLabsApiKey, draft),
                "custom_headers" => TrunkCustomHeaders.Read(value, draft),
                "id" => Invalid("id is assigned by the server and cannot be set"),
                _ => Invalid($"Unknown field '{property.Name}'."),
            };
            if (error is not null)
            {
                return error;
            }
        }

        if (providerField is not null)
        {
            if (provider is null)
            {
                return Invalid($"{providerField} must not be null; it must be one of: {TrunkProviders.ProviderNames}");
            }

            draft.Provider = TrunkProviders.FromWire(provider);
            if (draft.Provider is null)
            {
                return Invalid($"{providerField} must be one of: {TrunkProviders.ProviderNames}");
            }
        }

        if (urlField is not null)
        {
            if (url is not null && !TrunkRules.IsAgentUrl(url))
            {
                return Invalid($"{urlField} must be a wss:// URL, or ws:// to a loopback address (127.0.0.0/8, ::1, localhost)");
            }

            // null goes back to the provider's public endpoint (and is refused below for custom agents).
            draft.WebSocketUrl = url;
        }

        return null;
    }

    /// <summary>An <c>invalid_parameters</c> error.</summary>
    public static ApiError Invalid(string message) => new(ApiErrorCodes.InvalidParameters, message, StatusCodes.Status400BadRequest);

    private static ApiError? ReadName(JsonElement value, TrunkDraft draft)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return Invalid("name must be a string between 1 and 100 characters");
        }

        var name = value.GetString()!.Trim();
        if (name.Length is < 1 or > TrunkRules.MaxNameLength || TrunkRules.HasControl(name, allowTab: false))
        {
            return Invalid("name must be between 1 and 100 characters");
        }

        draft.Name = name;
        return null;
    }

    private static ApiError? ReadStatus(JsonElement value, TrunkDraft draft)
    {
        // "error" is the system's to set (agent unreachable) and clears itself; users choose active or inactive.
        var status = value.ValueKind == JsonValueKind.String ? TrunkProviders.StatusFromWire(value.GetString()) : null;
        if (status is null or TrunkStatus.Error)
        {
            return Invalid("status must be one of: active, inactive");
        }

        draft.Status = status.Value;
        return null;
    }

    private static ApiError? ReadSynonym(string field, JsonElement value, ref string? current, ref string? currentField)
    {
        if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            return Invalid($"{field} must be a string");
        }

        var text = value.GetString();
        if (currentField is not null && currentField != field && !string.Equals(current, text, StringComparison.Ordinal))
        {
            return Invalid($"{currentField} and {field} are synonyms and must have the same value when both are given");
        }

        current = text;
        currentField = field;
        return null;
    }

    private static ApiError? ReadSipUsername(JsonElement value, TrunkDraft draft)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || !TrunkRules.IsSipUsername(value.GetString()!))
        {
            return Invalid($"sip_username must match {TrunkRules.SipUsernamePattern}");
        }

        draft.SipUsername = value.GetString();
        return null;
    }

    private static ApiError? ReadSipPassword(JsonElement value, TrunkDraft draft)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var password = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (password is null || password.Length is < SipPasswords.MinLength or > SipPasswords.MaxLength || TrunkRules.HasControl(password, allowTab: false))
        {
            return Invalid($"sip_password must be between {SipPasswords.MinLength} and {SipPasswords.MaxLength} characters without control characters");
        }

        draft.SipPassword = password;
        return null;
    }

    private static ApiError? ReadInboundNumbers(JsonElement value, TrunkDraft draft) =>
        ReadList(value, "inbound_numbers", "an E.164 number such as +14155550100", static (string item, out string normalized) =>
        {
            normalized = item;
            return TrunkRules.IsE164(item);
        }, list => draft.InboundNumbers = list);

    private static ApiError? ReadCidrs(JsonElement value, TrunkDraft draft) =>
        ReadList(value, "allowed_source_cidrs", "an IPv4 or IPv6 address or CIDR network", TrunkRules.TryNormalizeCidr, list => draft.AllowedSourceCidrs = list);

    private static ApiError? ReadList(JsonElement value, string field, string rule, Normalizer normalize, Action<List<string>> assign)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            assign([]);
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return Invalid($"{field} must be an array of strings");
        }

        if (value.GetArrayLength() > TrunkRules.MaxListEntries)
        {
            return Invalid($"{field} must have at most {TrunkRules.MaxListEntries} entries");
        }

        var list = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !normalize(item.GetString()!, out var normalized))
            {
                return Invalid($"{field}[{index}] must be {rule}");
            }

            if (!list.Contains(normalized, StringComparer.OrdinalIgnoreCase))
            {
                list.Add(normalized);
            }

            index++;
        }

        assign(list);
        return null;
    }

    private static ApiError? ReadWebhookUrl(JsonElement value, TrunkDraft draft)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            draft.StatusWebhookUrl = null;
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || !TrunkRules.IsHttpsUrl(value.GetString()!))
        {
            return Invalid("status_webhook_url must be an absolute https:// URL");
        }

        draft.StatusWebhookUrl = value.GetString();
        return null;
    }

    private static ApiError? ReadOptionalText(JsonElement value, string field, int maxLength, bool allowLineBreaks, Action<string?> assign)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            assign(null);
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (text is null || text.Length > maxLength)
        {
            return Invalid($"{field} must be a string of at most {maxLength} characters");
        }

        if (!allowLineBreaks && (text.Length == 0 || TrunkRules.HasControl(text, allowTab: false)))
        {
            return Invalid($"{field} must be between 1 and {maxLength} characters without control characters");
        }

        assign(text.Length == 0 ? null : text);
        return null;
    }

    private static ApiError? ReadApiKey(JsonElement value, string field, TrunkDraft draft)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            draft.ClearSecret(field);
            return null;
        }

        var key = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (key is null || key.Length is < 1 or > TrunkRules.MaxApiKeyLength || TrunkRules.HasControl(key, allowTab: false))
        {
            return Invalid($"{field} must be between 1 and {TrunkRules.MaxApiKeyLength} characters without control characters");
        }

        draft.SetSecret(field, key);
        return null;
    }

    private delegate bool Normalizer(string item, out string normalized);
}
