using System.Text.Json;
using Telepath.Api.Tests.Support;
using Telepath.Media.Edge;

namespace Telepath.Api.Tests.Calls;

/// <summary>
/// Calls played through the silo's <see cref="ICallEvents"/> leave exactly the expected records (spec §6). The crash
/// sweeper's tests are in Telepath.Silo.Tests (it is internal to the silo).
/// </summary>
public sealed class CallLifecycleTests : IClassFixture<ApiSiloFixture>
{
    private readonly ApiSiloFixture _fixture;

    public CallLifecycleTests(ApiSiloFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task A_completed_call_leaves_a_full_record_with_turns_trace_and_metrics()
    {
        var driver = await CallDriver.CreateAsync(_fixture);
        var start = DateTimeOffset.UtcNow.AddMinutes(-5);

        var id = await driver.CompletedAsync(start, aiLatencyMs: 640, gatewayMs: 0.35, carrierLagMs: 42, durationSeconds: 61.5);
        var (status, body) = await driver.GetJsonAsync("/v1/calls/" + id);

        Assert.Equal(200, status);
        var call = body.GetProperty("data");
        Assert.Equal(id, call.GetProperty("id").GetString());
        Assert.Equal(driver.TrunkId, call.GetProperty("trunk_id").GetString());
        Assert.Equal("inbound", call.GetProperty("direction").GetString());
        Assert.Equal("completed", call.GetProperty("status").GetString());
        Assert.Equal("caller_hangup", call.GetProperty("disconnect_reason").GetString());
        Assert.Equal(61.5, call.GetProperty("duration_seconds").GetDouble());
        Assert.Equal("PCMU", call.GetProperty("codec_used").GetString());
        Assert.Equal("twilio", call.GetProperty("carrier").GetString());
        Assert.Equal(640, call.GetProperty("ai_latency_ms").GetDouble());
        Assert.Equal(42, call.GetProperty("carrier_lag_ms").GetDouble());
        Assert.Equal(0.35, call.GetProperty("gateway_processing_ms").GetDouble());
        var metrics = call.GetProperty("metrics");
        Assert.Equal(640, metrics.GetProperty("ai_latency_ms").GetDouble());
        Assert.Equal(120, metrics.GetProperty("setup_ms").GetDouble());
        Assert.Equal(4.2, metrics.GetProperty("mos").GetDouble());
        var turns = call.GetProperty("turns").EnumerateArray().ToList();
        Assert.Equal([1, 2], turns.Select(t => t.GetProperty("turn_number").GetInt32()));
        Assert.Equal(["caller", "agent"], turns.Select(t => t.GetProperty("speaker").GetString()));
        var trace = call.GetProperty("sip_trace").EnumerateArray().ToList();
        Assert.Equal(["inbound", "outbound"], trace.Select(t => t.GetProperty("direction").GetString()));
        Assert.StartsWith("INVITE ", trace[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(call.GetProperty("sip_trace_truncated").GetBoolean());
        Assert.EndsWith("Z", call.GetProperty("start_time").GetString(), StringComparison.Ordinal);

        var (_, list) = await driver.GetJsonAsync("/v1/calls");
        var listed = Assert.Single(list.GetProperty("calls").EnumerateArray());
        Assert.Equal(id, listed.GetProperty("id").GetString());
        Assert.False(listed.TryGetProperty("turns", out _));
        Assert.False(listed.TryGetProperty("sip_trace", out _));
    }

    [Theory]
    [InlineData(DisconnectReasons.AuthFailed)]
    [InlineData(DisconnectReasons.NumberNotAllowed)]
    [InlineData(DisconnectReasons.TrunkInactive)]
    [InlineData(DisconnectReasons.CodecMismatch)]
    public async Task A_refused_call_leaves_a_failed_record_with_its_reason_and_no_duration(string reason)
    {
        var driver = await CallDriver.CreateAsync(_fixture);

        var id = await driver.RefusedAsync(DateTimeOffset.UtcNow.AddSeconds(-1), reason);
        var (_, body) = await driver.GetJsonAsync("/v1/calls/" + id);

        var call = body.GetProperty("data");
        Assert.Equal("failed", call.GetProperty("status").GetString());
        Assert.Equal(reason, call.GetProperty("disconnect_reason").GetString());
        Assert.Equal(JsonValueKind.Null, call.GetProperty("answer_time").ValueKind);
        Assert.Equal(JsonValueKind.Null, call.GetProperty("duration_seconds").ValueKind);
        Assert.Equal(JsonValueKind.Null, call.GetProperty("codec_used").ValueKind);
        var overview = await driver.EventuallyAsync("/v1/analytics/overview", b => b.GetProperty("data").GetProperty("total_calls").GetInt64() == 1);
        Assert.Equal(1, overview.GetProperty("data").GetProperty("failed").GetInt64());
        Assert.Equal(0, overview.GetProperty("data").GetProperty("active_calls").GetInt32());
    }

    [Fact]
    public async Task A_live_call_shows_its_metrics_so_far_and_counts_as_active()
    {
        var driver = await CallDriver.CreateAsync(_fixture);
        var start = DateTimeOffset.UtcNow.AddSeconds(-30);
        var id = await driver.StartAsync(start);
        await driver.Events.CallAnsweredAsync(new CallAnsweredEvent(id, start.AddSeconds(1), "PCMA", 95), CancellationToken.None);
        await driver.Events.CallProgressAsync(new CallProgressEvent(id, [], new CallMetrics(700, 800, 0.2, 0.4, 30, null, 2, 0, 4.3, 0)), CancellationToken.None);

        var (_, body) = await driver.GetJsonAsync("/v1/calls/" + id);

        var call = body.GetProperty("data");
        Assert.Equal("connected", call.GetProperty("status").GetString());
        Assert.Equal(700, call.GetProperty("metrics").GetProperty("ai_latency_ms").GetDouble());
        Assert.Equal(95, call.GetProperty("metrics").GetProperty("setup_ms").GetDouble());
        Assert.True(call.GetProperty("duration_seconds").GetDouble() >= 29);
        var overview = await driver.EventuallyAsync("/v1/analytics/overview", b => b.GetProperty("data").GetProperty("active_calls").GetInt32() == 1);
        Assert.Equal(1, overview.GetProperty("data").GetProperty("active_calls").GetInt32());
        Assert.Equal(0, overview.GetProperty("data").GetProperty("total_calls").GetInt64());
    }

    [Fact]
    public async Task Events_after_the_end_do_not_change_the_record()
    {
        var driver = await CallDriver.CreateAsync(_fixture);
        var id = await driver.RefusedAsync(DateTimeOffset.UtcNow.AddSeconds(-2), DisconnectReasons.AuthFailed);

        await driver.Events.CallAnsweredAsync(new CallAnsweredEvent(id, DateTimeOffset.UtcNow, "PCMU", 1), CancellationToken.None);
        await driver.Events.CallEndedAsync(new CallEndedEvent(id, DateTimeOffset.UtcNow, CallOutcome.Completed, DisconnectReasons.CallerHangup, [], CallMetrics.Empty), CancellationToken.None);

        var (_, body) = await driver.GetJsonAsync("/v1/calls/" + id);
        Assert.Equal("failed", body.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal("auth_failed", body.GetProperty("data").GetProperty("disconnect_reason").GetString());
    }
}
