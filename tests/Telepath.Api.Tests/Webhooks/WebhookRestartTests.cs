using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telepath.Api.Tests.Support;
using Telepath.Grains.Abstractions.Webhooks;
using Telepath.Silo.Tests.Support;
using Telepath.TestKit;

namespace Telepath.Api.Tests.Webhooks;

/// <summary>Deliveries are durable (spec §8): events queued while the receiver was unreachable survive a silo restart.</summary>
public sealed class WebhookRestartTests : IDisposable
{
    private readonly TempDirectory _data = new("telepath-webhook-restart");

    [Fact]
    public async Task Events_queued_before_a_silo_stop_are_delivered_after_restart_in_order_and_once_each()
    {
        using var certificate = WebhookReceiver.CreateCertificate();
        // The receiver's port is chosen now but nothing listens on it until after the restart.
        await using var receiver = new WebhookReceiver(certificate);
        var switches = WebhookSiloFixture.Switches(certificate);
        string accountId;
        string secret;
        var eventIds = new List<string>();

        await using (var first = await SiloProcess.StartAsync(_data.Path, switches))
        {
            var key = await ApiKeyClient.CreateAsync(first, null, null, 6000);
            accountId = key.AccountId;
            (_, secret) = await WebhookSiloFixture.CreateEndpointAsync(key, receiver.Url());
            var publisher = first.Services.GetRequiredService<IWebhookPublisher>();
            foreach (var type in new[] { WebhookEventTypes.CallStarted, WebhookEventTypes.CallAnswered, WebhookEventTypes.CallEnded })
            {
                var e = WebhookSiloFixture.CallEvent(accountId, "call_durable", type);
                eventIds.Add(e.Id);
                Assert.Equal(1, await publisher.PublishAsync(e));
            }
        }

        Assert.Equal(0, receiver.Arrivals);
        await receiver.StartAsync();
        await using var second = await SiloProcess.StartAsync(_data.Path, switches);

        var received = await receiver.WaitForAsync(static r => r.Count(static x => x.Accepted) >= 3, TimeSpan.FromSeconds(60));
        Assert.Equal(eventIds, received.Select(static r => r.Headers["Telepath-Event-Id"]));
        Assert.All(received, r => Assert.True(ReceiverSignature.Verify(secret, r.Headers["Telepath-Signature"], r.Body, DateTimeOffset.UtcNow)));
        foreach (var r in received)
        {
            using var body = JsonDocument.Parse(r.Body);
            Assert.Equal("call_durable", body.RootElement.GetProperty("data").GetProperty("call_id").GetString());
        }
    }

    /// <inheritdoc />
    public void Dispose() => _data.Dispose();
}
