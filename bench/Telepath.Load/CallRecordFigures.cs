using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Telepath.Load;

/// <summary>The bridge scenarios' use of the silo's REST API: the trunk they call, and the call records' metrics.</summary>
internal static class CallRecordFigures
{
    // What the call records say the bridge itself added (arrival → handed on, both directions), per spec §6.
    public static async Task<(int Records, double MeanOfMeans, double P99OfP99s, double MaxP99)> GatewayProcessingAsync(LoadSilo silo)
    {
        using HttpClient client = silo.CreateClient(1);
        var means = new List<double>();
        var p99s = new List<double>();
        string? cursor = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/calls?limit=100&status=completed" + (cursor is null ? string.Empty : "&cursor=" + cursor));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", silo.ApiKey);
            using HttpResponseMessage response = await client.SendAsync(request);
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            foreach (JsonElement call in document.RootElement.GetProperty("data").EnumerateArray())
            {
                JsonElement metrics = call.GetProperty("metrics");
                if (metrics.TryGetProperty("gateway_processing_ms", out JsonElement mean) && mean.ValueKind == JsonValueKind.Number)
                {
                    means.Add(mean.GetDouble());
                }

                if (metrics.TryGetProperty("gateway_processing_p99_ms", out JsonElement p99) && p99.ValueKind == JsonValueKind.Number)
                {
                    p99s.Add(p99.GetDouble());
                }
            }

            cursor = document.RootElement.TryGetProperty("next_cursor", out JsonElement next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);

        if (means.Count == 0 || p99s.Count == 0)
        {
            return (0, 0, 0, 0);
        }

        p99s.Sort();
        return (means.Count, means.Average(), p99s[Math.Min(p99s.Count - 1, (int)Math.Ceiling(p99s.Count * 0.99) - 1)], p99s[^1]);
    }

    public static async Task<(string Username, string Password)> CreateTrunkAsync(LoadSilo silo, Uri agent)
    {
        using HttpClient client = silo.CreateClient(1);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/trunks")
        {
            Content = JsonContent.Create(new Dictionary<string, string>
            {
                ["name"] = "load",
                ["provider"] = "custom",
                ["websocket_url"] = agent.ToString(),
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", silo.ApiKey);
        using HttpResponseMessage response = await client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException("creating the trunk failed: " + text);
        }

        using var document = JsonDocument.Parse(text);
        JsonElement data = document.RootElement.GetProperty("data");
        return (data.GetProperty("sip_username").GetString()!, data.GetProperty("sip_password").GetString()!);
    }
}
