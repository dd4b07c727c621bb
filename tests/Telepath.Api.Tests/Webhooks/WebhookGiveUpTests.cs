using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telepath.Api.Tests.Support;
using Telepath.Grains.Abstractions.Webhooks;
using Telepath.Silo.Tests.Support;
using Telepath.TestKit;

namespace Telepath.Api.Tests.Webhooks;

/// <summary>
/// Giving up: with the retry window and the disable window shrunk to a second, a dead receiver's delivery ends as
/// failed and its endpoint is disabled with a visible reason (the 24-hour rules of spec §8, time-compressed).
/// </summary>
public sealed class WebhookGiveUpTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("telepath-webhook-giveup");
    private SiloProcess _silo = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        using var certificate = WebhookReceiver.CreateCertificate();
        _silo = await SiloProcess.StartAsync(_data.Path,
        [
            .. WebhookSiloFixture.Switches(certificate),
            "--Telepath:Webhooks:RetryWindow=00:00:01",
            "--Telepath:Webhooks:DisableAfter=00:00:01",
        ]);
    }

    [Fact]
    public async Task A_delivery_failing_past_its_retry_window_fails_and_the_endpoint_is_disabled_with_a_reason()
    {
        var key = await ApiKeyClient.CreateAsync(_silo, null, null, 6000);
        // Nothing listens on the discard port: every attempt is refused.
        var (id, _) = await WebhookSiloFixture.CreateEndpointAsync(key, "https://127.0.0.1:9/dead");
        await _silo.Services.GetRequiredService<IWebhookPublisher>().PublishAsync(WebhookSiloFixture.CallEvent(key.AccountId, "call_dead"));

        var endpoint = await PollAsync(key, "/v1/webhooks/" + id, static data => data.GetProperty("status").GetString() == "disabled");

        Assert.Contains("every delivery attempt failed", endpoint.GetProperty("disabled_reason").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(JsonValueKind.Null, endpoint.GetProperty("disabled_at").ValueKind);
        using var list = await key.GetAsync($"/v1/webhooks/{id}/deliveries");
        using var listBody = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        var delivery = Assert.Single(listBody.RootElement.GetProperty("deliveries").EnumerateArray());
        Assert.Equal("failed", delivery.GetProperty("status").GetString());
        Assert.True(delivery.GetProperty("attempts").GetInt32() >= 1);
        Assert.Null(delivery.GetProperty("last_status_code").GetString());

        // A disabled endpoint's deliveries cannot be retried, and it receives no new events.
        using var retry = await key.SendAsync(HttpMethod.Post, $"/v1/webhooks/deliveries/{delivery.GetProperty("id").GetString()}/retry");
        await ErrorBody.AssertAsync(retry, HttpStatusCode.Conflict, "conflict");
        Assert.Equal(0, await _silo.Services.GetRequiredService<IWebhookPublisher>().PublishAsync(WebhookSiloFixture.CallEvent(key.AccountId, "call_after")));
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        _data.Dispose();
    }

    private static async Task<JsonElement> PollAsync(ApiKeyClient key, string path, Func<JsonElement, bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await key.GetAsync(path);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var data = body.RootElement.GetProperty("data");
            if (condition(data))
            {
                return data.Clone();
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{path} never met the condition; last body: {data}");
            }

            await Task.Delay(100);
        }
    }
}
