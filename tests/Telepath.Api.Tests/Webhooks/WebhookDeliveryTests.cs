using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Telepath.Grains.Abstractions.Webhooks;

namespace Telepath.Api.Tests.Webhooks;

/// <summary>End-to-end delivery on a real silo to a local HTTPS receiver (spec §8).</summary>
public sealed class WebhookDeliveryTests : IClassFixture<WebhookSiloFixture>
{
    private readonly WebhookSiloFixture _fixture;

    public WebhookDeliveryTests(WebhookSiloFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Deliveries_are_signed_with_the_secret_shown_at_creation_and_carry_the_documented_headers_and_body()
    {
        await using var receiver = await _fixture.NewReceiverAsync();
        var key = await _fixture.NewKeyAsync();
        var (endpointId, secret) = await WebhookSiloFixture.CreateEndpointAsync(key, receiver.Url(), "call.started");
        var callEvent = WebhookSiloFixture.CallEvent(key.AccountId, "call_sig");

        Assert.Equal(1, await _fixture.Publisher.PublishAsync(callEvent));

        var got = Assert.Single(await receiver.WaitForAsync(static r => r.Count >= 1));
        Assert.True(ReceiverSignature.Verify(secret, got.Headers["Telepath-Signature"], got.Body, DateTimeOffset.UtcNow));
        Assert.False(ReceiverSignature.Verify(secret, got.Headers["Telepath-Signature"], got.Body + " ", DateTimeOffset.UtcNow));
        Assert.False(ReceiverSignature.Verify("whsec_wrong", got.Headers["Telepath-Signature"], got.Body, DateTimeOffset.UtcNow));
        Assert.False(ReceiverSignature.Verify(secret, got.Headers["Telepath-Signature"], got.Body, DateTimeOffset.UtcNow.AddMinutes(6)));
        Assert.StartsWith("application/json", got.ContentType, StringComparison.Ordinal);
        Assert.Equal("Telepath-Webhooks/1", got.Headers["User-Agent"]);
        Assert.Equal(callEvent.Id, got.Headers["Telepath-Event-Id"]);
        Assert.StartsWith("dlv_", got.Headers["Idempotency-Key"], StringComparison.Ordinal);

        using var body = JsonDocument.Parse(got.Body);
        Assert.Equal(callEvent.Id, body.RootElement.GetProperty("id").GetString());
        Assert.Equal("call.started", body.RootElement.GetProperty("type").GetString());
        Assert.EndsWith("Z", body.RootElement.GetProperty("created_at").GetString(), StringComparison.Ordinal);
        var data = body.RootElement.GetProperty("data");
        Assert.Equal("call_sig", data.GetProperty("call_id").GetString());
        Assert.Equal("trunk_test", data.GetProperty("trunk_id").GetString());
        Assert.Equal("+14155550100", data.GetProperty("from").GetString());
        Assert.Equal("PCMU", data.GetProperty("codec").GetString());

        var delivery = await WaitForDeliveryAsync(key, endpointId, WebhookDeliveryStatus.Succeeded);
        Assert.Equal(got.Headers["Idempotency-Key"], delivery.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_receiver_failing_three_times_then_succeeding_gets_exactly_one_successful_delivery()
    {
        await using var receiver = await _fixture.NewReceiverAsync();
        receiver.Respond = static (_, index) => Task.FromResult(index < 3 ? 503 : 200);
        var key = await _fixture.NewKeyAsync();
        var (endpointId, _) = await WebhookSiloFixture.CreateEndpointAsync(key, receiver.Url());

        await _fixture.Publisher.PublishAsync(WebhookSiloFixture.CallEvent(key.AccountId, "call_retry"));

        var delivery = await WaitForDeliveryAsync(key, endpointId, WebhookDeliveryStatus.Succeeded);
        Assert.Equal(4, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(200, delivery.GetProperty("last_status_code").GetInt32());
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("next_attempt_at").ValueKind);
        Assert.Equal(1, receiver.Received.Count(static r => r.Accepted));
        Assert.Equal(4, receiver.Received.Count);
        Assert.Single(receiver.Received.Select(static r => r.Headers["Idempotency-Key"]).Distinct());

        using var detail = await key.GetAsync("/v1/webhooks/deliveries/" + delivery.GetProperty("id").GetString());
        using var detailBody = JsonDocument.Parse(await detail.Content.ReadAsStringAsync());
        var log = detailBody.RootElement.GetProperty("data").GetProperty("attempt_log").EnumerateArray().ToList();
        Assert.Equal([503, 503, 503, 200], log.Select(static a => a.GetProperty("status_code").GetInt32()));
        Assert.Equal([1, 2, 3, 4], log.Select(static a => a.GetProperty("attempt").GetInt32()));
        Assert.All(log, static a => Assert.True(a.GetProperty("latency_ms").GetInt32() >= 0));
        Assert.Contains("503", log[0].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_of_one_call_arrive_in_order_and_a_failing_call_does_not_hold_up_another()
    {
        await using var receiver = await _fixture.NewReceiverAsync();
        var key = await _fixture.NewKeyAsync();
        await WebhookSiloFixture.CreateEndpointAsync(key, receiver.Url());
        // call_a's first event is refused until every call_b event got through: if call_b waited behind call_a, neither
        // would ever finish. call_a's later events must wait for its first.
        var types = new[] { WebhookEventTypes.CallStarted, WebhookEventTypes.AgentConnected, WebhookEventTypes.CallAnswered, WebhookEventTypes.AgentDisconnected, WebhookEventTypes.CallEnded };
        var aIds = types.Select(static _ => "evt_" + Guid.NewGuid().ToString("N")).ToArray();
        var bIds = types.Select(static _ => "evt_" + Guid.NewGuid().ToString("N")).ToArray();
        var bDone = 0;
        receiver.Respond = (request, _) =>
        {
            string id = request.Headers["Telepath-Event-Id"]!;
            if (id == bIds[^1])
            {
                Volatile.Write(ref bDone, 1);
            }

            return Task.FromResult(id == aIds[0] && Volatile.Read(ref bDone) == 0 ? 500 : 200);
        };

        for (var i = 0; i < types.Length; i++)
        {
            await _fixture.Publisher.PublishAsync(WebhookSiloFixture.CallEvent(key.AccountId, "call_a", types[i], aIds[i]));
            await _fixture.Publisher.PublishAsync(WebhookSiloFixture.CallEvent(key.AccountId, "call_b", types[i], bIds[i]));
        }

        var received = await receiver.WaitForAsync(static r => r.Count(static x => x.Accepted) >= 10);

        Assert.All(received.Where(static r => !r.Accepted), r => Assert.Equal(aIds[0], r.Headers["Telepath-Event-Id"]));
        Assert.Contains(received, static r => !r.Accepted);
        var accepted = received.Where(static r => r.Accepted).Select(static r => r.Headers["Telepath-Event-Id"]).ToList();
        Assert.Equal(aIds, accepted.Where(aIds.Contains));
        Assert.Equal(bIds, accepted.Where(bIds.Contains));
        Assert.True(accepted.IndexOf(bIds[^1]) < accepted.IndexOf(aIds[0]));
    }

    [Fact]
    public async Task Publishing_returns_at_once_while_the_receiver_is_still_busy_with_an_earlier_event()
    {
        await using var receiver = await _fixture.NewReceiverAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The receiver sleeps up to 10 s on every request, unless the test lets it go earlier.
        receiver.Respond = async (_, _) =>
        {
            await Task.WhenAny(release.Task, Task.Delay(TimeSpan.FromSeconds(10)));
            return 200;
        };
        var key = await _fixture.NewKeyAsync();
        await WebhookSiloFixture.CreateEndpointAsync(key, receiver.Url());
        await _fixture.Publisher.PublishAsync(WebhookSiloFixture.CallEvent(key.AccountId, "call_slow_1"));
        await WaitUntilAsync(() => receiver.Arrivals >= 1);

        var watch = Stopwatch.StartNew();
        var queued = await _fixture.Publisher.PublishAsync(WebhookSiloFixture.CallEvent(key.AccountId, "call_slow_2"));
        watch.Stop();

        Assert.Equal(1, queued);
        Assert.Empty(receiver.Received); // the first request is still being held: publishing did not wait for it
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"PublishAsync took {watch.Elapsed} while the receiver was sleeping");
        release.SetResult();
        await receiver.WaitForAsync(static r => r.Count(static x => x.Accepted) >= 2);
    }

    [Fact]
    public async Task Retry_resends_a_delivered_event_with_the_same_idempotency_key()
    {
        await using var receiver = await _fixture.NewReceiverAsync();
        var key = await _fixture.NewKeyAsync();
        var (endpointId, _) = await WebhookSiloFixture.CreateEndpointAsync(key, receiver.Url());
        await _fixture.Publisher.PublishAsync(WebhookSiloFixture.CallEvent(key.AccountId, "call_manual"));
        var delivery = await WaitForDeliveryAsync(key, endpointId, WebhookDeliveryStatus.Succeeded);
        var deliveryId = delivery.GetProperty("id").GetString()!;

        using var retry = await key.SendAsync(HttpMethod.Post, $"/v1/webhooks/deliveries/{deliveryId}/retry");

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        using var retryBody = JsonDocument.Parse(await retry.Content.ReadAsStringAsync());
        Assert.Equal(deliveryId, retryBody.RootElement.GetProperty("data").GetProperty("id").GetString());
        var received = await receiver.WaitForAsync(static r => r.Count >= 2);
        Assert.All(received, r => Assert.Equal(deliveryId, r.Headers["Idempotency-Key"]));
        await WaitUntilAsync(async () => (await GetDeliveryAsync(key, deliveryId)).GetProperty("attempts").GetInt32() == 2);
    }

    [Fact]
    public async Task An_explicit_target_is_delivered_like_an_endpoint_and_the_same_event_is_not_queued_twice()
    {
        await using var receiver = await _fixture.NewReceiverAsync();
        var key = await _fixture.NewKeyAsync();
        var target = new WebhookTarget("trunk_status_" + Guid.NewGuid().ToString("N"), receiver.Url("/status"), "whsec_trunk");
        var callEvent = WebhookSiloFixture.CallEvent(key.AccountId, "call_target");

        Assert.Equal(1, await _fixture.Publisher.PublishAsync(callEvent, target));
        Assert.Equal(0, await _fixture.Publisher.PublishAsync(callEvent, target));

        var got = Assert.Single(await receiver.WaitForAsync(static r => r.Count >= 1));
        Assert.Equal("/status", got.Path);
        Assert.True(ReceiverSignature.Verify("whsec_trunk", got.Headers["Telepath-Signature"], got.Body, DateTimeOffset.UtcNow));
    }

    private static async Task<JsonElement> WaitForDeliveryAsync(Support.ApiKeyClient key, string endpointId, string status)
    {
        JsonElement found = default;
        await WaitUntilAsync(async () =>
        {
            using var response = await key.GetAsync($"/v1/webhooks/{endpointId}/deliveries");
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var items = body.RootElement.GetProperty("deliveries").EnumerateArray().ToList();
            if (items.Count == 1 && items[0].GetProperty("status").GetString() == status)
            {
                found = items[0].Clone();
                return true;
            }

            return false;
        });
        return found;
    }

    private static async Task<JsonElement> GetDeliveryAsync(Support.ApiKeyClient key, string deliveryId)
    {
        using var response = await key.GetAsync("/v1/webhooks/deliveries/" + deliveryId);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("data").Clone();
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold within 30 s.");
            }

            await Task.Delay(50);
        }
    }
}
