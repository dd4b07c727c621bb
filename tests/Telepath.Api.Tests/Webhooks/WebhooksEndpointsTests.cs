using System.Net;
using System.Text.Json;
using Telepath.Grains.Abstractions.Accounts;
using Telepath.Silo.Tests.Support;

namespace Telepath.Api.Tests.Webhooks;

/// <summary><c>/v1/webhooks</c> contract (spec §8, §4, §2): secret shown once, validation, pagination, account isolation.</summary>
public sealed class WebhooksEndpointsTests : IClassFixture<WebhookSiloFixture>
{
    private const string ReceiverUrl = "https://127.0.0.1:9/hook";
    private readonly WebhookSiloFixture _fixture;

    public WebhooksEndpointsTests(WebhookSiloFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Create_answers_201_with_the_secret_once_and_get_and_list_never_show_it()
    {
        var key = await _fixture.NewKeyAsync();
        using var created = await key.SendAsync(HttpMethod.Post, "/v1/webhooks",
            new { url = ReceiverUrl, events = new[] { "call.ended", "call.started", "call.ended" }, description = "CRM" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var data = body.RootElement.GetProperty("data");
        var id = data.GetProperty("id").GetString()!;
        var secret = data.GetProperty("secret").GetString()!;
        Assert.StartsWith("whk_", id, StringComparison.Ordinal);
        Assert.Matches("^whsec_[0-9A-Za-z]{32}$", secret);
        Assert.Equal("/v1/webhooks/" + id, created.Headers.Location?.OriginalString);
        Assert.Equal(["call.started", "call.ended"], data.GetProperty("events").EnumerateArray().Select(static e => e.GetString()!));
        Assert.Equal("enabled", data.GetProperty("status").GetString());
        Assert.Equal("CRM", data.GetProperty("description").GetString());
        Assert.Equal(ReceiverUrl, data.GetProperty("url").GetString());

        using var get = await key.GetAsync("/v1/webhooks/" + id);
        var getText = await get.Content.ReadAsStringAsync();
        using var list = await key.GetAsync("/v1/webhooks");
        var listText = await list.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.DoesNotContain(secret, getText, StringComparison.Ordinal);
        Assert.DoesNotContain("\"secret\"", getText, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listText, StringComparison.Ordinal);
        using var listBody = JsonDocument.Parse(listText);
        Assert.Equal(id, Assert.Single(listBody.RootElement.GetProperty("webhooks").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(1, listBody.RootElement.GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Delete_removes_the_endpoint_and_a_second_delete_is_404()
    {
        var key = await _fixture.NewKeyAsync();
        var (id, _) = await WebhookSiloFixture.CreateEndpointAsync(key, ReceiverUrl);

        using var deleted = await key.SendAsync(HttpMethod.Delete, "/v1/webhooks/" + id);
        using var again = await key.SendAsync(HttpMethod.Delete, "/v1/webhooks/" + id);
        using var get = await key.GetAsync("/v1/webhooks/" + id);
        using var list = await key.GetAsync("/v1/webhooks");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        using var body = JsonDocument.Parse(await deleted.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("data").GetProperty("deleted").GetBoolean());
        await ErrorBody.AssertAsync(again, HttpStatusCode.NotFound, "webhook_not_found");
        await ErrorBody.AssertAsync(get, HttpStatusCode.NotFound, "webhook_not_found");
        using var listBody = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        Assert.Equal(0, listBody.RootElement.GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData("{\"events\":[\"*\"]}", "missing_required", "url")]
    [InlineData("{\"url\":\"https://127.0.0.1:9/h\"}", "missing_required", "events")]
    [InlineData("{\"url\":\"https://127.0.0.1:9/h\",\"events\":[]}", "invalid_parameters", "events")]
    [InlineData("{\"url\":\"https://127.0.0.1:9/h\",\"events\":[\"call.exploded\"]}", "invalid_parameters", "call.exploded")]
    [InlineData("{\"url\":\"https://127.0.0.1:9/h\",\"events\":[\"*\",\"call.ended\"]}", "invalid_parameters", "events")]
    [InlineData("{\"url\":\"http://93.184.216.34/h\",\"events\":[\"*\"]}", "invalid_parameters", "https://")]
    [InlineData("{\"url\":\"https://10.0.0.7/h\",\"events\":[\"*\"]}", "invalid_parameters", "private")]
    [InlineData("{\"url\":\"https://169.254.169.254/h\",\"events\":[\"*\"]}", "invalid_parameters", "link-local")]
    [InlineData("{\"url\":\"https://[fd00::1]/h\",\"events\":[\"*\"]}", "invalid_parameters", "private")]
    [InlineData("{\"url\":\"https://127.0.0.1:9/h\",\"events\":[\"*\"],\"secret\":\"mine\"}", "invalid_parameters", "secret")]
    public async Task Create_rejects_invalid_bodies_naming_the_field(string json, string code, string mentioned)
    {
        var key = await _fixture.NewKeyAsync();

        using var response = await key.SendAsync(HttpMethod.Post, "/v1/webhooks", json);

        var error = await ErrorBody.AssertAsync(response, HttpStatusCode.BadRequest, code);
        Assert.Contains(mentioned, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_accounts_endpoint_and_deliveries_answer_404_as_if_missing()
    {
        var owner = await _fixture.NewKeyAsync();
        var stranger = await _fixture.NewKeyAsync();
        var (id, _) = await WebhookSiloFixture.CreateEndpointAsync(owner, ReceiverUrl);
        await _fixture.Publisher.PublishAsync(WebhookSiloFixture.CallEvent(owner.AccountId, "call_iso"));
        using var ownList = await owner.GetAsync($"/v1/webhooks/{id}/deliveries");
        using var ownBody = JsonDocument.Parse(await ownList.Content.ReadAsStringAsync());
        var deliveryId = ownBody.RootElement.GetProperty("data")[0].GetProperty("id").GetString()!;

        using var get = await stranger.GetAsync("/v1/webhooks/" + id);
        using var delete = await stranger.SendAsync(HttpMethod.Delete, "/v1/webhooks/" + id);
        using var deliveries = await stranger.GetAsync($"/v1/webhooks/{id}/deliveries");
        using var delivery = await stranger.GetAsync("/v1/webhooks/deliveries/" + deliveryId);
        using var retry = await stranger.SendAsync(HttpMethod.Post, $"/v1/webhooks/deliveries/{deliveryId}/retry");
        using var stillThere = await owner.GetAsync("/v1/webhooks/" + id);

        await ErrorBody.AssertAsync(get, HttpStatusCode.NotFound, "webhook_not_found");
        await ErrorBody.AssertAsync(delete, HttpStatusCode.NotFound, "webhook_not_found");
        await ErrorBody.AssertAsync(deliveries, HttpStatusCode.NotFound, "webhook_not_found");
        await ErrorBody.AssertAsync(delivery, HttpStatusCode.NotFound, "webhook_delivery_not_found");
        await ErrorBody.AssertAsync(retry, HttpStatusCode.NotFound, "webhook_delivery_not_found");
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }

    [Fact]
    public async Task Lists_page_by_offset_and_by_cursor_newest_first()
    {
        var key = await _fixture.NewKeyAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await WebhookSiloFixture.CreateEndpointAsync(key, ReceiverUrl)).Id);
        }

        using var first = await key.GetAsync("/v1/webhooks?limit=2");
        using var firstBody = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        var cursor = firstBody.RootElement.GetProperty("next_cursor").GetString()!;
        using var second = await key.GetAsync("/v1/webhooks?limit=2&cursor=" + Uri.EscapeDataString(cursor));
        using var secondBody = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        using var both = await key.GetAsync("/v1/webhooks?offset=1&cursor=" + Uri.EscapeDataString(cursor));

        Assert.Equal([ids[2], ids[1]], firstBody.RootElement.GetProperty("data").EnumerateArray().Select(static w => w.GetProperty("id").GetString()));
        Assert.True(firstBody.RootElement.GetProperty("has_more").GetBoolean());
        Assert.Equal([ids[0]], secondBody.RootElement.GetProperty("data").EnumerateArray().Select(static w => w.GetProperty("id").GetString()));
        Assert.False(secondBody.RootElement.GetProperty("has_more").GetBoolean());
        await ErrorBody.AssertAsync(both, HttpStatusCode.BadRequest, "invalid_parameters");
    }

    [Fact]
    public async Task Deliveries_list_pages_newest_first_and_shows_pending_rows()
    {
        var key = await _fixture.NewKeyAsync();
        // Port 9 (discard) on loopback refuses connections: deliveries stay pending with an error.
        var (id, _) = await WebhookSiloFixture.CreateEndpointAsync(key, ReceiverUrl, "call.started");
        var events = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var e = WebhookSiloFixture.CallEvent(key.AccountId, "call_page_" + i);
            events.Add(e.Id);
            await _fixture.Publisher.PublishAsync(e);
        }

        await _fixture.Publisher.PublishAsync(WebhookSiloFixture.CallEvent(key.AccountId, "call_page_x", "call.ended"));
        using var first = await key.GetAsync($"/v1/webhooks/{id}/deliveries?limit=2");
        using var firstBody = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        var cursor = firstBody.RootElement.GetProperty("next_cursor").GetString()!;
        using var second = await key.GetAsync($"/v1/webhooks/{id}/deliveries?limit=2&cursor={Uri.EscapeDataString(cursor)}");
        using var secondBody = JsonDocument.Parse(await second.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(3, firstBody.RootElement.GetProperty("pagination").GetProperty("total").GetInt32());
        var page1 = firstBody.RootElement.GetProperty("deliveries").EnumerateArray().ToList();
        var page2 = secondBody.RootElement.GetProperty("deliveries").EnumerateArray().ToList();
        Assert.Equal([events[2], events[1], events[0]], page1.Concat(page2).Select(static d => d.GetProperty("event_id").GetString()));
        Assert.All(page1.Concat(page2), d =>
        {
            Assert.Equal("call.started", d.GetProperty("event_type").GetString());
            Assert.Equal(id, d.GetProperty("webhook_id").GetString());
            Assert.NotEqual("succeeded", d.GetProperty("status").GetString());
        });
        Assert.False(secondBody.RootElement.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task Every_route_needs_the_webhooks_write_scope()
    {
        var key = await _fixture.NewKeyAsync([ApiKeyScopes.CallsRead]);

        using var list = await key.GetAsync("/v1/webhooks");
        using var create = await key.SendAsync(HttpMethod.Post, "/v1/webhooks", new { url = ReceiverUrl, events = new[] { "*" } });

        var error = await ErrorBody.AssertAsync(list, HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.Contains("webhooks:write", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        await ErrorBody.AssertAsync(create, HttpStatusCode.Forbidden, "insufficient_scope");
    }
}
