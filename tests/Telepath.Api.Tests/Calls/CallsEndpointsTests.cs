using System.Text.Json;
using Telepath.Api.Tests.Support;

namespace Telepath.Api.Tests.Calls;

/// <summary><c>GET /v1/calls</c> and <c>GET /v1/calls/{id}</c>: contract, paging, filters, sorts and isolation (spec §4, §6).</summary>
public sealed class CallsEndpointsTests : IClassFixture<ApiSiloFixture>
{
    private readonly ApiSiloFixture _fixture;

    public CallsEndpointsTests(ApiSiloFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Another_accounts_call_answers_404_call_not_found()
    {
        var owner = await CallDriver.CreateAsync(_fixture);
        var id = await owner.RefusedAsync(DateTimeOffset.UtcNow, "auth_failed");
        var stranger = await CallDriver.CreateAsync(_fixture);

        var (status, body) = await stranger.GetJsonAsync("/v1/calls/" + id);
        var (malformedStatus, malformed) = await stranger.GetJsonAsync("/v1/calls/not-a-call");
        var (_, list) = await stranger.GetJsonAsync("/v1/calls");

        Assert.Equal(404, status);
        Assert.Equal("call_not_found", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(404, malformedStatus);
        Assert.Equal("call_not_found", malformed.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(0, list.GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task List_carries_both_pagination_shapes_and_a_cursor_walk_sees_every_call_once_while_calls_arrive()
    {
        var driver = await CallDriver.CreateAsync(_fixture);
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add(await driver.RefusedAsync(start.AddMinutes(i), "auth_failed"));
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var (status, page) = await driver.GetJsonAsync("/v1/calls?limit=3" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.Equal(200, status);
            var data = page.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
            Assert.Equal(data, page.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("id").GetString()!));
            Assert.Equal(3, page.GetProperty("pagination").GetProperty("limit").GetInt32());
            seen.AddRange(data);
            cursor = page.GetProperty("next_cursor").GetString();
            Assert.Equal(cursor is not null, page.GetProperty("has_more").GetBoolean());
            await driver.RefusedAsync(DateTimeOffset.UtcNow, "auth_failed");
        }
        while (cursor is not null);

        ids.Reverse();
        Assert.Equal(ids, seen);
        var (_, offsetPage) = await driver.GetJsonAsync("/v1/calls?limit=2&offset=2");
        Assert.Equal(2, offsetPage.GetProperty("pagination").GetProperty("offset").GetInt32());
        Assert.Equal(10, offsetPage.GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Filters_and_sorts_apply_through_the_query_string()
    {
        var driver = await CallDriver.CreateAsync(_fixture);
        var now = DateTimeOffset.UtcNow;
        var slow = await driver.CompletedAsync(now.AddMinutes(-20), 1500, 0.9, 80, 120);
        var fast = await driver.CompletedAsync(now.AddMinutes(-10), 300, 0.1, 10, 10);
        var refused = await driver.RefusedAsync(now.AddMinutes(-5), "trunk_inactive");

        async Task<List<string>> Ids(string query)
        {
            var (status, body) = await driver.GetJsonAsync("/v1/calls?" + query);
            Assert.Equal(200, status);
            return body.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
        }

        Assert.Equal([refused, fast, slow], await Ids(""));
        Assert.Equal([slow, fast, refused], await Ids("sort=start_time&order=asc"));
        Assert.Equal([slow, fast, refused], await Ids("sort=-ai_latency_ms"));
        Assert.Equal([refused, fast, slow], await Ids("sort=%2Bduration"));
        Assert.Equal([slow, fast, refused], await Ids("sort=carrier_lag_ms"));
        Assert.Equal([refused, fast, slow], await Ids("sort=gateway_processing_ms&order=asc"));
        Assert.Equal([refused], await Ids("status=failed"));
        Assert.Equal([slow], await Ids("min_duration=60"));
        Assert.Equal([slow], await Ids("min_ai_latency_ms=1000"));
        Assert.Equal([fast, slow], await Ids("trunk_id=" + driver.TrunkId + "&status=completed"));
        Assert.Equal([fast], await Ids("from=" + Uri.EscapeDataString(now.AddMinutes(-15).ToString("O")) + "&end_date=" + Uri.EscapeDataString(now.AddMinutes(-8).ToString("O"))));
        Assert.Empty(await Ids("direction=outbound"));
    }

    [Theory]
    [InlineData("status=busy", "status")]
    [InlineData("direction=sideways", "direction")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("start_date=2026-02-02&end_date=2026-02-01", "start_date must not be after end_date")]
    [InlineData("min_duration=-1", "min_duration")]
    [InlineData("min_ai_latency_ms=fast", "min_ai_latency_ms")]
    [InlineData("sort=loudness", "sort")]
    [InlineData("order=sideways", "order")]
    [InlineData("trunk_id=trunk_x", "trunk_id")]
    [InlineData("limit=101", "limit")]
    [InlineData("offset=1&cursor=abc", "offset and cursor")]
    public async Task Bad_list_parameters_answer_400_invalid_parameters_naming_the_parameter(string query, string named)
    {
        var driver = await CallDriver.CreateAsync(_fixture);

        var (status, body) = await driver.GetJsonAsync("/v1/calls?" + query);

        Assert.Equal(400, status);
        Assert.Equal("invalid_parameters", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains(named, body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cursor_from_one_sort_is_refused_under_another()
    {
        var driver = await CallDriver.CreateAsync(_fixture);
        await driver.RefusedAsync(DateTimeOffset.UtcNow.AddSeconds(-2), "auth_failed");
        await driver.RefusedAsync(DateTimeOffset.UtcNow.AddSeconds(-1), "auth_failed");
        var (_, page) = await driver.GetJsonAsync("/v1/calls?limit=1&sort=duration");
        var cursor = Uri.EscapeDataString(page.GetProperty("next_cursor").GetString()!);

        var (status, body) = await driver.GetJsonAsync("/v1/calls?limit=1&sort=ai_latency_ms&cursor=" + cursor);

        Assert.Equal(400, status);
        Assert.Contains("cursor", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_calls_and_analytics_routes_and_their_parameters()
    {
        using var response = await _fixture.Silo.Https.GetAsync("/openapi/v1.json");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");

        foreach (var path in new[] { "/v1/calls", "/v1/calls/{id}", "/v1/analytics/overview", "/v1/analytics/timeseries", "/v1/analytics/trunks" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }

        var parameters = paths.GetProperty("/v1/calls").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        foreach (var name in new[] { "trunk_id", "status", "direction", "from", "to", "start_date", "end_date", "min_duration", "min_ai_latency_ms", "sort", "order", "limit", "offset", "cursor" })
        {
            Assert.Contains(name, parameters);
        }
    }
}
