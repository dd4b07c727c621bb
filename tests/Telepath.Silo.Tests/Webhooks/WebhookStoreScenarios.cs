using Telepath.Grains.Abstractions.Webhooks;
using Telepath.Silo.Webhooks;

namespace Telepath.Silo.Tests.Webhooks;

/// <summary>The outbox contract every engine must keep; run by <see cref="WebhookStoreSqliteTests"/> and <see cref="WebhookStorePostgresTests"/>.</summary>
public abstract class WebhookStoreScenarios
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private protected abstract Task<WebhookStore> CreateStoreAsync();

    [Fact]
    public async Task Endpoints_are_listed_newest_first_per_account_without_deleted_ones()
    {
        var store = await CreateStoreAsync();
        await store.InsertEndpointAsync(Endpoint("whk_a", "acct_1"), default);
        await store.InsertEndpointAsync(Endpoint("whk_b", "acct_1"), default);
        await store.InsertEndpointAsync(Endpoint("whk_c", "acct_2"), default);
        await store.UpdateEndpointStatusAsync("whk_a", WebhookEndpointStatus.Deleted, null, null, s_now, default);

        var list = await store.ListEndpointsAsync("acct_1", default);

        Assert.Equal(["whk_b"], list.Select(static e => e.Id));
        var stored = await store.GetEndpointAsync("whk_b", default);
        Assert.Equal(["call.started", "call.ended"], stored!.Events);
        Assert.Equal("whsec_x", stored.Secret);
        Assert.Equal(s_now, stored.CreatedAt);
        Assert.Equal(WebhookEndpointStatus.Deleted, (await store.GetEndpointAsync("whk_a", default))!.Status);
    }

    [Fact]
    public async Task Disabling_records_reason_and_time_and_a_deleted_endpoint_is_not_re_enabled()
    {
        var store = await CreateStoreAsync();
        await store.InsertEndpointAsync(Endpoint("whk_a", "acct_1"), default);
        await store.UpdateEndpointStatusAsync("whk_a", WebhookEndpointStatus.Enabled, s_now, null, null, default);
        Assert.Equal(s_now, (await store.GetEndpointAsync("whk_a", default))!.FailingSince);

        await store.UpdateEndpointStatusAsync("whk_a", WebhookEndpointStatus.Disabled, s_now, "all failed", s_now.AddHours(24), default);
        await store.UpdateEndpointStatusAsync("whk_a", WebhookEndpointStatus.Enabled, null, null, null, default);

        var endpoint = await store.GetEndpointAsync("whk_a", default);
        Assert.Equal(WebhookEndpointStatus.Disabled, endpoint!.Status);
        Assert.Equal("all failed", endpoint.DisabledReason);
        Assert.Equal(s_now.AddHours(24), endpoint.DisabledAt);
    }

    [Fact]
    public async Task Enqueueing_the_same_event_twice_for_a_target_queues_it_once()
    {
        var store = await CreateStoreAsync();

        var first = await store.EnqueueAsync([Delivery("dlv_1", "whk_a", "evt_1", "call_1"), Delivery("dlv_2", "whk_b", "evt_1", "call_1")], default);
        var second = await store.EnqueueAsync([Delivery("dlv_3", "whk_a", "evt_1", "call_1")], default);

        Assert.Equal(["whk_a", "whk_b"], first);
        Assert.Empty(second);
        Assert.Null(await store.GetDeliveryAsync("dlv_3", default));
    }

    [Fact]
    public async Task Only_the_oldest_pending_delivery_of_each_ordering_key_is_due()
    {
        var store = await CreateStoreAsync();
        await store.EnqueueAsync(
        [
            Delivery("dlv_1", "whk_a", "evt_1", "call_1"),
            Delivery("dlv_2", "whk_a", "evt_2", "call_2"),
            Delivery("dlv_3", "whk_a", "evt_3", "call_1"),
            Delivery("dlv_4", "whk_b", "evt_4", "call_3"),
        ], default);

        var heads = await store.GetDueHeadsAsync("whk_a", s_now, 10, default);
        Assert.Equal(["dlv_1", "dlv_2"], heads.Select(static h => h.Id));

        // call_1's head fails and waits; call_2 is not held up, and call_1's second event stays behind its first.
        await store.RecordAttemptAsync(Outcome("dlv_1", 1, false, WebhookDeliveryStatus.Pending, s_now.AddMinutes(1)), default);
        await store.RecordAttemptAsync(Outcome("dlv_2", 1, true, WebhookDeliveryStatus.Succeeded, null), default);
        Assert.Empty(await store.GetDueHeadsAsync("whk_a", s_now, 10, default));
        Assert.Equal(s_now.AddMinutes(1), await store.GetNextAttemptAsync("whk_a", default));

        await store.RecordAttemptAsync(Outcome("dlv_1", 2, true, WebhookDeliveryStatus.Succeeded, null), default);
        var next = await store.GetDueHeadsAsync("whk_a", s_now.AddMinutes(1), 10, default);
        Assert.Equal(["dlv_3"], next.Select(static h => h.Id));
        Assert.Equal(0, next[0].Attempts);
        Assert.Equal(s_now.AddHours(24), next[0].DeadlineAt);
        Assert.Equal(s_now, next[0].CreatedAt);
    }

    [Fact]
    public async Task An_attempt_is_logged_with_its_delivery_and_success_settles_it()
    {
        var store = await CreateStoreAsync();
        await store.EnqueueAsync([Delivery("dlv_1", "whk_a", "evt_1", "call_1")], default);

        await store.RecordAttemptAsync(Outcome("dlv_1", 1, false, WebhookDeliveryStatus.Pending, s_now.AddSeconds(3)), default);
        await store.RecordAttemptAsync(Outcome("dlv_1", 2, true, WebhookDeliveryStatus.Succeeded, null), default);

        var delivery = await store.GetDeliveryAsync("dlv_1", default);
        Assert.Equal(WebhookDeliveryStatus.Succeeded, delivery!.Status);
        Assert.Equal(2, delivery.Attempts);
        Assert.Equal(204, delivery.LastStatusCode);
        Assert.Null(delivery.NextAttemptAt);
        Assert.Equal(s_now, delivery.DeliveredAt);
        Assert.Equal([1, 2], delivery.AttemptLog.Select(static a => a.Attempt));
        Assert.Equal([(int?)500, 204], delivery.AttemptLog.Select(static a => a.StatusCode));
        Assert.Equal("HTTP 500", delivery.AttemptLog[0].Error);
        Assert.Null(await store.GetNextAttemptAsync("whk_a", default));
    }

    [Fact]
    public async Task Deliveries_page_newest_first_by_offset_and_by_cursor()
    {
        var store = await CreateStoreAsync();
        for (var i = 1; i <= 5; i++)
        {
            await store.EnqueueAsync([Delivery($"dlv_{i}", "whk_a", $"evt_{i}", "call_1")], default);
        }

        var (first, total) = await store.ListDeliveriesAsync("whk_a", 2, 0, null, default);
        var (byOffset, _) = await store.ListDeliveriesAsync("whk_a", 2, 2, null, default);
        var (byCursor, _) = await store.ListDeliveriesAsync("whk_a", 2, 0, "dlv_4", default);

        Assert.Equal(5, total);
        Assert.Equal(["dlv_5", "dlv_4", "dlv_3"], first.Select(static d => d.Id)); // one more than the limit
        Assert.Equal(["dlv_3", "dlv_2", "dlv_1"], byOffset.Select(static d => d.Id));
        Assert.Equal(["dlv_3", "dlv_2", "dlv_1"], byCursor.Select(static d => d.Id));
        Assert.All(first, static d => Assert.Empty(d.AttemptLog));
    }

    [Fact]
    public async Task Failing_pending_and_retrying_move_deliveries_between_states()
    {
        var store = await CreateStoreAsync();
        await store.EnqueueAsync([Delivery("dlv_1", "whk_a", "evt_1", "call_1"), Delivery("dlv_2", "whk_b", "evt_2", "call_1")], default);
        Assert.Equal(["whk_a", "whk_b"], (await store.ListTargetsWithPendingAsync(default)).Order());

        Assert.Equal(1, await store.FailPendingAsync("whk_a", "endpoint deleted", s_now, default));
        var failed = await store.GetDeliveryAsync("dlv_1", default);
        Assert.Equal(WebhookDeliveryStatus.Failed, failed!.Status);
        Assert.Equal("endpoint deleted", failed.LastError);
        Assert.Equal(["whk_b"], await store.ListTargetsWithPendingAsync(default));

        var later = s_now.AddDays(2);
        Assert.True(await store.ResetForRetryAsync("dlv_1", later, default));
        Assert.False(await store.ResetForRetryAsync("dlv_missing", later, default));
        var heads = await store.GetDueHeadsAsync("whk_a", later, 10, default);
        Assert.Equal("dlv_1", Assert.Single(heads).Id);
        Assert.Equal(later, heads[0].DeadlineAt);
    }

    private static WebhookEndpointRecord Endpoint(string id, string account) =>
        new(id, account, "https://hooks.example.com/" + id, "test", ["call.started", "call.ended"], "whsec_x", WebhookEndpointStatus.Enabled, null, null, null, s_now);

    private static WebhookNewDelivery Delivery(string id, string target, string eventId, string key) =>
        new(id, target, "acct_1", eventId, "call.started", key, "{\"id\":\"" + eventId + "\"}", null, null, s_now, s_now.AddHours(24));

    private static WebhookAttemptOutcome Outcome(string id, int attempt, bool succeeded, string status, DateTimeOffset? next) =>
        new(id, attempt, new WebhookSendResult(succeeded, succeeded ? 204 : 500, 12, succeeded ? null : "HTTP 500", s_now), status, next);
}
