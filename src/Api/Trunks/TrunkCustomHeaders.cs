using System.Text.Json;
using Telepath.Api.Errors;
using Telepath.Grains.Abstractions.Trunks;

namespace Telepath.Api.Trunks;

/// <summary>
/// <c>custom_headers</c>: extra WebSocket handshake headers for the agent. Values often carry tokens, so they are
/// stored encrypted as one JSON object and never shown again; reads list the header names only.
/// </summary>
public static class TrunkCustomHeaders
{
    /// <summary>Applies the <c>custom_headers</c> member of a body; null or <c>{}</c> clears them.</summary>
    internal static ApiError? Read(JsonElement value, TrunkDraft draft)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            Clear(draft);
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return TrunkBodyReader.Invalid("custom_headers must be an object of header names to string values");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in value.EnumerateObject())
        {
            if (!TrunkRules.IsCustomHeaderName(header.Name))
            {
                return TrunkBodyReader.Invalid($"custom_headers has '{header.Name}', which is not a header name that may be set (an HTTP token of at most 64 characters, not a WebSocket handshake header)");
            }

            if (header.Value.ValueKind != JsonValueKind.String || !TrunkRules.IsHeaderValue(header.Value.GetString()!))
            {
                return TrunkBodyReader.Invalid($"custom_headers.{header.Name} must be a string of at most {TrunkRules.MaxHeaderValueLength} characters without line breaks");
            }

            headers[header.Name] = header.Value.GetString()!;
        }

        if (headers.Count > TrunkRules.MaxCustomHeaders)
        {
            return TrunkBodyReader.Invalid($"custom_headers must have at most {TrunkRules.MaxCustomHeaders} headers");
        }

        if (headers.Count == 0)
        {
            Clear(draft);
            return null;
        }

        var names = new List<string>(headers.Keys);
        names.Sort(StringComparer.OrdinalIgnoreCase);
        draft.CustomHeaderNames = names;
        draft.SetSecret(TrunkSecretFields.CustomHeaders, JsonSerializer.Serialize(headers));
        return null;
    }

    /// <summary>The headers inside a decrypted <c>custom_headers</c> value.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? new Dictionary<string, string>();

    private static void Clear(TrunkDraft draft)
    {
        draft.CustomHeaderNames = [];
        draft.ClearSecret(TrunkSecretFields.CustomHeaders);
    }
}
