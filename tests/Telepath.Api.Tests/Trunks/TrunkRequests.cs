using System.Net;
using System.Text.Json;
using Telepath.Api.Tests.Support;

namespace Telepath.Api.Tests.Trunks;

/// <summary>Small helpers for trunk requests: valid bodies and reading the <c>data</c> member.</summary>
internal static class TrunkRequests
{
    /// <summary>A unique name.</summary>
    public static string UniqueName(string prefix = "trunk") => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>A minimal valid custom-agent body.</summary>
    public static Dictionary<string, object?> Custom(string? name = null) => new()
    {
        ["name"] = name ?? UniqueName(),
        ["ai_provider"] = "custom",
        ["websocket_url"] = "ws://127.0.0.1:9/agent",
    };

    /// <summary>A minimal valid OpenAI body.</summary>
    public static Dictionary<string, object?> OpenAi(string apiKey, string? name = null) => new()
    {
        ["name"] = name ?? UniqueName(),
        ["ai_provider"] = "openai",
        ["openai_api_key"] = apiKey,
    };

    /// <summary>Creates a trunk, asserts 201, returns the whole response text and the <c>data</c> member.</summary>
    public static async Task<(string Text, JsonElement Data)> CreateAsync(ApiKeyClient client, object body)
    {
        using var response = await client.SendAsync(HttpMethod.Post, "/v1/trunks", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"expected 201, got {(int)response.StatusCode}: {text}");
        return (text, Data(text));
    }

    /// <summary>The <c>data</c> member of a body.</summary>
    public static JsonElement Data(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("data").Clone();
    }

    /// <summary>Sends and returns status and body text.</summary>
    public static async Task<(HttpStatusCode Status, string Text)> SendAsync(ApiKeyClient client, HttpMethod method, string path, object? body = null)
    {
        using var response = await client.SendAsync(method, path, body);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
