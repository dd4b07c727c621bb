using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telepath.Api.Tests.Support;
using Telepath.Grains.Abstractions.Webhooks;
using Telepath.Silo.Tests.Support;
using Telepath.TestKit;

namespace Telepath.Api.Tests.Webhooks;

/// <summary>
/// A real embedded silo set up for webhook tests: loopback receivers allowed, the test certificate trusted by
/// thumbprint (validation stays on), and short backoff so retries happen within a test.
/// </summary>
public sealed class WebhookSiloFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new("telepath-webhooks");

    /// <summary>The certificate every receiver of this fixture serves.</summary>
    public X509Certificate2 Certificate { get; } = WebhookReceiver.CreateCertificate();

    /// <summary>The running silo.</summary>
    public SiloProcess Silo { get; private set; } = null!;

    /// <summary>The silo's publisher, as grains get it.</summary>
    public IWebhookPublisher Publisher => Silo.Services.GetRequiredService<IWebhookPublisher>();

    /// <summary>The switches that make a silo deliver to this fixture's receivers.</summary>
    public static string[] Switches(X509Certificate2 certificate) =>
    [
        "--Telepath:Webhooks:AllowLoopback=true",
        "--Telepath:Webhooks:TrustedCertificateThumbprints:0=" + WebhookReceiver.Thumbprint(certificate),
        "--Telepath:Webhooks:RetryBaseDelay=00:00:00.200",
        "--Telepath:Webhooks:RetryMaxDelay=00:00:00.400",
    ];

    /// <inheritdoc />
    public async Task InitializeAsync() => Silo = await SiloProcess.StartAsync(_data.Path, Switches(Certificate));

    /// <summary>A new account with one key.</summary>
    public Task<ApiKeyClient> NewKeyAsync(IReadOnlyList<string>? scopes = null) => ApiKeyClient.CreateAsync(Silo, null, scopes, 6000);

    /// <summary>A started receiver with this fixture's certificate.</summary>
    public async Task<WebhookReceiver> NewReceiverAsync()
    {
        var receiver = new WebhookReceiver(Certificate);
        await receiver.StartAsync();
        return receiver;
    }

    /// <summary>Creates an endpoint through the API and returns its id and secret.</summary>
    public static async Task<(string Id, string Secret)> CreateEndpointAsync(ApiKeyClient key, string url, params string[] events)
    {
        using var response = await key.SendAsync(HttpMethod.Post, "/v1/webhooks", new { url, events = events.Length == 0 ? ["*"] : events });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        using var body = JsonDocument.Parse(text);
        var data = body.RootElement.GetProperty("data");
        return (data.GetProperty("id").GetString()!, data.GetProperty("secret").GetString()!);
    }

    /// <summary>A call event of <paramref name="account"/> for <paramref name="callId"/>.</summary>
    public static WebhookEvent CallEvent(string account, string callId, string type = WebhookEventTypes.CallStarted, string? eventId = null) =>
        new(eventId ?? "evt_" + Guid.NewGuid().ToString("N"), type, account, "trunk_test", callId, DateTimeOffset.UtcNow,
            WebhookEventData.Call(callId, "trunk_test", "+14155550100", "+14155550199", "acme", "PCMU"));

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        Certificate.Dispose();
        _data.Dispose();
    }
}
