using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telepath.Api.Tests.Support;
using Telepath.Grains.Abstractions.Identifiers;
using Telepath.Grains.Abstractions.Webhooks;
using Telepath.Silo.Tests.Support;

namespace Telepath.Api.Tests.Webhooks;

/// <summary>With the default configuration (<c>AllowLoopback</c> off) the API refuses URLs that reach this host.</summary>
public sealed class WebhookLoopbackRefusalTests : IClassFixture<ApiSiloFixture>
{
    private readonly ApiSiloFixture _fixture;

    public WebhookLoopbackRefusalTests(ApiSiloFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[::ffff:127.0.0.1]/hook")]
    [InlineData("https://localhost:8443/hook")]
    public async Task Refuses_loopback_addresses_and_names_that_resolve_to_them(string url)
    {
        var key = await _fixture.NewKeyAsync();

        using var response = await key.SendAsync(HttpMethod.Post, "/v1/webhooks", new { url, events = new[] { "*" } });

        var error = await ErrorBody.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_parameters");
        Assert.Contains("loopback", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sender_refuses_at_connect_time_an_endpoint_whose_host_now_resolves_to_loopback()
    {
        // As if DNS had answered with a public address at creation and rebinds to 127.0.0.1 now: the row is written
        // straight through the grain, past the API's check, and only the connect-time guard stands in the way.
        using var certificate = WebhookReceiver.CreateCertificate();
        await using var receiver = new WebhookReceiver(certificate);
        await receiver.StartAsync();
        var key = await _fixture.NewKeyAsync();
        var id = new ResourceIdGenerator(TimeProvider.System).New(ResourcePrefixes.Webhook);
        await _fixture.Silo.Grains.GetGrain<IWebhookEndpointGrain>(id).CreateAsync(new WebhookEndpointRecord(
            id, key.AccountId, "https://localhost:" + receiver.Port + "/hook", null, ["*"], WebhookSecrets.Generate(), WebhookEndpointStatus.Enabled, null, null, null, DateTimeOffset.UtcNow));
        var publisher = _fixture.Silo.Services.GetRequiredService<IWebhookPublisher>();

        Assert.Equal(1, await publisher.PublishAsync(WebhookSiloFixture.CallEvent(key.AccountId, "call_rebind")));

        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        string? error = null;
        while (error is null && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
            using var response = await key.GetAsync($"/v1/webhooks/{id}/deliveries");
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            error = body.RootElement.GetProperty("data")[0].GetProperty("last_error").GetString();
        }

        Assert.NotNull(error);
        Assert.Contains("loopback", error, StringComparison.Ordinal);
        Assert.Equal(0, receiver.Arrivals);
    }
}
