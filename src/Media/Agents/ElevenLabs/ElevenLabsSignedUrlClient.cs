using System.Text.Json;

namespace Telepath.Media.Agents.ElevenLabs;

/// <summary>
/// Fetches a signed conversation URL for a private ElevenLabs agent (research §2.1:
/// <c>GET /v1/convai/conversation/get-signed-url?agent_id=…</c> with <c>xi-api-key</c>, answer <c>{"signed_url":"wss://…"}</c>).
/// </summary>
internal sealed class ElevenLabsSignedUrlClient
{
    private readonly HttpClient _httpClient;

    /// <summary>Initializes a new instance of the <see cref="ElevenLabsSignedUrlClient"/> class.</summary>
    public ElevenLabsSignedUrlClient(HttpClient httpClient)
    {
        _httpClient = httpClient;
    }

    /// <summary>Derives the REST endpoint from the configured WebSocket URL (same host, http(s) scheme).</summary>
    public static Uri EndpointFor(Uri webSocketUrl, string agentId)
    {
        var builder = new UriBuilder(webSocketUrl)
        {
            Scheme = webSocketUrl.Scheme == "ws" ? "http" : "https",
            Path = "/v1/convai/conversation/get-signed-url",
            Query = "agent_id=" + Uri.EscapeDataString(agentId),
        };
        if (webSocketUrl.IsDefaultPort)
        {
            builder.Port = -1;
        }

        return builder.Uri;
    }

    /// <summary>Requests a signed URL; HTTP failures surface as <see cref="HttpRequestException"/> for the dialer's retry policy.</summary>
    public async ValueTask<Uri> GetSignedUrlAsync(Uri endpoint, string apiKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        request.Headers.Add("xi-api-key", apiKey);
        using HttpResponseMessage response = await _httpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using JsonDocument document = await ParseAsync(body, cancellationToken).ConfigureAwait(false);
        if (document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("signed_url", out JsonElement url)
            && url.ValueKind == JsonValueKind.String
            && Uri.TryCreate(url.GetString(), UriKind.Absolute, out Uri? signed)
            && signed.Scheme is "ws" or "wss")
        {
            return signed;
        }

        throw new HttpRequestException("signed-URL answer has no usable signed_url");
    }

    private static async ValueTask<JsonDocument> ParseAsync(Stream body, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new HttpRequestException("signed-URL answer is not JSON", ex);
        }
    }
}
