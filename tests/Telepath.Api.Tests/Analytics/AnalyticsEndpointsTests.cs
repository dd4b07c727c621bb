using System.Text.Json;
using Telepath.Api.Tests.Calls;
using Telepath.Api.Tests.Support;
using Telepath.Media.Edge;

namespace Telepath.Api.Tests.Analytics;

/// <summary><c>/v1/analytics/*</c> (spec §7): live aggregates that agree with the call records they summarise.</summary>
public sealed class AnalyticsEndpointsTests : IClassFixture<ApiSiloFixture>
{
    private readonly ApiSiloFixture _fixture;

    public AnalyticsEndpointsTests(ApiSiloFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Overview_counts_and_percentiles_match_values_computed_from_the_call_records()
    {
        var driver = await CallDriver.CreateAsync(_fixture);
        var random = new Random(9);
        var now = DateTimeOffset.UtcNow;
        const int Calls = 60;
        for (var i = 0; i < Calls; i++)
        {
            var outcome = i % 10 == 9 ? CallOutcome.Dropped : CallOutcome.Completed;
            await driver.CompletedAsync(now.AddMinutes(-50).AddSeconds(i * 10), 200 + (random.NextDouble() * 1800), random.NextDouble(), 10 + (random.NextDouble() * 90), 5 + i, outcome);
        }

        await driver.RefusedAsync(now.AddMinutes(-1), DisconnectReasons.AuthFailed);

        var overview = (await driver.EventuallyAsync("/v1/analytics/overview", b => b.GetProperty("data").GetProperty("total_calls").GetInt64() == Calls + 1)).GetProperty("data");
        var records = new List<JsonElement>();
        var (_, first) = await driver.GetJsonAsync("/v1/calls?limit=100");
        records.AddRange(first.GetProperty("data").EnumerateArray());

        Assert.Equal(Calls + 1, records.Count);
        Assert.Equal(Calls + 1, overview.GetProperty("total_calls").GetInt64());
        Assert.Equal(records.Count(r => r.GetProperty("status").GetString() == "completed"), overview.GetProperty("completed").GetInt64());
        Assert.Equal(records.Count(r => r.GetProperty("status").GetString() == "dropped"), overview.GetProperty("dropped").GetInt64());
        Assert.Equal(1, overview.GetProperty("failed").GetInt64());
        Assert.Equal(Math.Round(100.0 * overview.GetProperty("completed").GetInt64() / (Calls + 1), 2), overview.GetProperty("success_rate").GetDouble());
        var durations = records.Where(r => r.GetProperty("duration_seconds").ValueKind == JsonValueKind.Number).Select(r => r.GetProperty("duration_seconds").GetDouble()).ToList();
        Assert.Equal(Math.Round(durations.Average(), 2), overview.GetProperty("avg_duration_seconds").GetDouble(), 2);
        AssertLatency(records, "ai_latency_ms", overview.GetProperty("ai_latency_ms"));
        AssertLatency(records, "carrier_lag_ms", overview.GetProperty("carrier_lag_ms"));
        AssertLatency(records, "gateway_processing_ms", overview.GetProperty("gateway_processing_ms"));
    }

    [Fact]
    public async Task Overview_of_a_trunk_counts_only_its_calls_and_trunks_lists_each()
    {
        var driver = await CallDriver.CreateAsync(_fixture);
        var otherTrunk = new Telepath.Grains.Abstractions.Identifiers.ResourceIdGenerator(TimeProvider.System).New("trunk");
        var now = DateTimeOffset.UtcNow;
        await driver.CompletedAsync(now.AddMinutes(-10), 500, 0.2, 20, 10);
        await driver.CompletedAsync(now.AddMinutes(-9), 900, 0.2, 20, 10, trunkId: otherTrunk);
        await driver.CompletedAsync(now.AddMinutes(-8), 700, 0.2, 20, 10, trunkId: otherTrunk);

        var trunk = (await driver.EventuallyAsync("/v1/analytics/overview?trunk_id=" + otherTrunk, b => b.GetProperty("data").GetProperty("total_calls").GetInt64() == 2)).GetProperty("data");
        var trunks = await driver.EventuallyAsync("/v1/analytics/trunks", b => b.GetProperty("data").GetArrayLength() == 2);

        Assert.Equal(2, trunk.GetProperty("total_calls").GetInt64());
        Assert.Equal(800, trunk.GetProperty("ai_latency_ms").GetProperty("avg").GetDouble());
        Assert.Equal(900, trunk.GetProperty("ai_latency_ms").GetProperty("max").GetDouble());
        Assert.Equal(otherTrunk, trunk.GetProperty("trunk_id").GetString());
        var byTrunk = trunks.GetProperty("data").EnumerateArray().ToDictionary(t => t.GetProperty("trunk_id").GetString()!, t => t.GetProperty("total_calls").GetInt64());
        Assert.Equal(1, byTrunk[driver.TrunkId]);
        Assert.Equal(2, byTrunk[otherTrunk]);
    }

    [Fact]
    public async Task Another_accounts_trunk_shows_nothing()
    {
        var owner = await CallDriver.CreateAsync(_fixture);
        await owner.CompletedAsync(DateTimeOffset.UtcNow.AddMinutes(-2), 500, 0.2, 20, 10);
        await owner.EventuallyAsync("/v1/analytics/overview?trunk_id=" + owner.TrunkId, b => b.GetProperty("data").GetProperty("total_calls").GetInt64() == 1);
        var stranger = await CallDriver.CreateAsync(_fixture);

        var (status, body) = await stranger.GetJsonAsync("/v1/analytics/overview?trunk_id=" + owner.TrunkId);

        Assert.Equal(200, status);
        Assert.Equal(0, body.GetProperty("data").GetProperty("total_calls").GetInt64());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").GetProperty("ai_latency_ms").GetProperty("avg").ValueKind);
    }

    [Fact]
    public async Task Timeseries_buckets_add_up_to_the_overview()
    {
        var driver = await CallDriver.CreateAsync(_fixture);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 6; i++)
        {
            await driver.CompletedAsync(now.AddMinutes(-30 + (i * 4)), 300 + (i * 50), 0.3, 15, 20);
        }

        var from = Uri.EscapeDataString(now.AddHours(-1).ToString("O"));
        var to = Uri.EscapeDataString(now.AddMinutes(5).ToString("O"));
        await driver.EventuallyAsync($"/v1/analytics/overview?from={from}&to={to}", b => b.GetProperty("data").GetProperty("total_calls").GetInt64() == 6);
        var (status, minutes) = await driver.GetJsonAsync($"/v1/analytics/timeseries?interval=minute&from={from}&to={to}");
        var (_, hours) = await driver.GetJsonAsync($"/v1/analytics/timeseries?interval=hour&from={from}&to={to}");
        var (_, days) = await driver.GetJsonAsync($"/v1/analytics/timeseries?interval=day&from={from}&to={to}");

        Assert.Equal(200, status);
        Assert.Equal("minute", minutes.GetProperty("data").GetProperty("interval").GetString());
        var minuteBuckets = minutes.GetProperty("data").GetProperty("buckets").EnumerateArray().ToList();
        Assert.InRange(minuteBuckets.Count, 65, 67);
        Assert.Equal(6, minuteBuckets.Sum(b => b.GetProperty("total_calls").GetInt64()));
        Assert.Equal(6, hours.GetProperty("data").GetProperty("buckets").EnumerateArray().Sum(b => b.GetProperty("total_calls").GetInt64()));
        Assert.Equal(6, days.GetProperty("data").GetProperty("buckets").EnumerateArray().Sum(b => b.GetProperty("total_calls").GetInt64()));
        var busiest = minuteBuckets.First(b => b.GetProperty("total_calls").GetInt64() > 0);
        Assert.Equal(busiest.GetProperty("ai_latency_ms").GetProperty("avg").GetDouble(), busiest.GetProperty("ai_latency_ms").GetProperty("max").GetDouble());
    }

    [Theory]
    [InlineData("/v1/analytics/overview?from=yesterday", "from")]
    [InlineData("/v1/analytics/overview?from=2026-02-02T00:00:00Z&to=2026-02-01T00:00:00Z", "from must not be after to")]
    [InlineData("/v1/analytics/overview?to=2026-02-01T00:00:00", "to")]
    [InlineData("/v1/analytics/overview?trunk_id=nope", "trunk_id")]
    [InlineData("/v1/analytics/timeseries?interval=week", "interval")]
    [InlineData("/v1/analytics/timeseries?interval=minute&from=2026-01-01&to=2026-02-01", "interval")]
    [InlineData("/v1/analytics/trunks?start_date=2026-01-01&from=2026-01-02", "start_date")]
    public async Task Bad_parameters_answer_400_invalid_parameters_naming_the_parameter(string path, string named)
    {
        var driver = await CallDriver.CreateAsync(_fixture);

        var (status, body) = await driver.GetJsonAsync(path);

        Assert.Equal(400, status);
        Assert.Equal("invalid_parameters", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains(named, body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overview_defaults_to_the_last_24_hours()
    {
        var driver = await CallDriver.CreateAsync(_fixture);

        var (_, body) = await driver.GetJsonAsync("/v1/analytics/overview");

        var data = body.GetProperty("data");
        var window = data.GetProperty("to").GetDateTimeOffset() - data.GetProperty("from").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromHours(24), window);
        Assert.Equal(0, data.GetProperty("total_calls").GetInt64());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("success_rate").ValueKind);
    }

    [Fact]
    public async Task Analytics_need_the_analytics_read_scope()
    {
        var key = await _fixture.NewKeyAsync(["calls:read"]);

        using var response = await key.GetAsync("/v1/analytics/overview");

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Contains("analytics:read", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static void AssertLatency(List<JsonElement> records, string field, JsonElement summary)
    {
        var values = records
            .Where(r => r.GetProperty(field).ValueKind == JsonValueKind.Number)
            .Select(r => r.GetProperty(field).GetDouble())
            .Order()
            .ToArray();
        Assert.Equal(Math.Round(values.Average(), 2), summary.GetProperty("avg").GetDouble(), 2);
        Assert.Equal(Math.Round(values[^1], 2), summary.GetProperty("max").GetDouble(), 2);
        foreach (var (name, percentile) in new[] { ("p50", 50.0), ("p95", 95.0), ("p99", 99.0) })
        {
            // Computed independently of HdrHistogram with the rank rule it documents (p/100 × n rounded to the nearest
            // sample, at least the first); the histogram keeps 2 significant digits (≤ 1 %) on a 0.1 ms grid.
            var rank = Math.Max(1, (int)((percentile / 100 * values.Length) + 0.5));
            var expected = values[rank - 1];
            var actual = summary.GetProperty(name).GetDouble();
            Assert.InRange(actual, (expected * 0.99) - 0.11, (expected * 1.01) + 0.11);
        }
    }
}
