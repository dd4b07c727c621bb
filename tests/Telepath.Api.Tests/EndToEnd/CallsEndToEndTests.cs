using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telepath.Api.Tests.Support;
using Telepath.Api.Tests.Webhooks;
using Telepath.Media.Edge;

namespace Telepath.Api.Tests.EndToEnd;

/// <summary>
/// Issues #9 and #10 through the real silo program: trunks made with the REST API, calls placed by SIPp (a carrier
/// nobody here wrote) with digest authentication, and what a customer then sees — call records, analytics, trunk
/// metrics and webhooks.
/// </summary>
public sealed class CallsEndToEndTests : IClassFixture<EndToEndSilo>
{
    private const string Allowed = "+15550100";
    private readonly EndToEndSilo _silo;

    public CallsEndToEndTests(EndToEndSilo silo)
    {
        _silo = silo;
    }

    [Fact(Timeout = 120_000)]
    public async Task Answered_and_refused_calls_leave_exact_records_aggregates_metrics_and_ordered_webhooks()
    {
        var key = await _silo.NewKeyAsync();
        await WebhookSiloFixture.CreateEndpointAsync(key, _silo.Receiver.Url("/e2e-" + key.AccountId), "*");
        var agent = _silo.Agent.WebSocketUri("/agent");
        var main = await EndToEndSilo.CreateTrunkAsync(key, agent, "Main", Allowed);
        var parked = await EndToEndSilo.CreateTrunkAsync(key, agent, "Parked");
        using (var patch = await key.SendAsync(HttpMethod.Patch, "/v1/trunks/" + parked.Id, new { status = "inactive" }))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }

        var sip = _silo.Silo.SipEndPoint;
        await AssertSippAsync(SippCaller.CallAsync(sip, SippScenarios.Answered(300), main.Username, main.Password, Allowed));
        await AssertSippAsync(SippCaller.CallAsync(sip, SippScenarios.Refused(403), main.Username, "not-the-password", Allowed));
        await AssertSippAsync(SippCaller.CallAsync(sip, SippScenarios.Refused(403), main.Username, main.Password, "+15550999"));
        await AssertSippAsync(SippCaller.CallAsync(sip, SippScenarios.Refused(488, offerOnlyG729: true), main.Username, main.Password, Allowed));
        await AssertSippAsync(SippCaller.CallAsync(sip, SippScenarios.Refused(403), parked.Username, parked.Password, Allowed));

        var mainCalls = await EndToEndSilo.EventuallyAsync(
            () => EndToEndSilo.GetDataAsync(key, "/v1/calls?trunk_id=" + main.Id),
            calls => calls.GetArrayLength() == 4 && calls.EnumerateArray().All(c => c.GetProperty("status").GetString() is "completed" or "failed"));
        var byReason = mainCalls.EnumerateArray().ToDictionary(c => c.GetProperty("disconnect_reason").GetString()!, c => c);
        Assert.Equal(["auth_failed", "caller_hangup", "codec_mismatch", "number_not_allowed"], byReason.Keys.Order(StringComparer.Ordinal));
        var answered = byReason["caller_hangup"];
        Assert.Equal("completed", answered.GetProperty("status").GetString());
        Assert.Equal("PCMU", answered.GetProperty("codec_used").GetString());
        Assert.Equal(Allowed, answered.GetProperty("to").GetString());
        Assert.Equal("+15550199", answered.GetProperty("from").GetString());
        foreach (var reason in new[] { "auth_failed", "codec_mismatch", "number_not_allowed" })
        {
            Assert.Equal("failed", byReason[reason].GetProperty("status").GetString());
        }

        // The record is written when the call ends, a moment after SIPp saw the 403: read until it is final.
        var parkedCalls = await EndToEndSilo.EventuallyAsync(
            () => EndToEndSilo.GetDataAsync(key, "/v1/calls?trunk_id=" + parked.Id),
            calls => calls.GetArrayLength() == 1 && calls[0].GetProperty("status").GetString() is "completed" or "failed");
        var parkedCall = Assert.Single(parkedCalls.EnumerateArray());
        Assert.Equal("failed", parkedCall.GetProperty("status").GetString());
        Assert.Equal("trunk_inactive", parkedCall.GetProperty("disconnect_reason").GetString());

        foreach (var call in byReason.Values.Append(parkedCall))
        {
            var detail = await EndToEndSilo.GetDataAsync(key, "/v1/calls/" + call.GetProperty("id").GetString());
            Assert.Equal(call.GetProperty("status").GetString(), detail.GetProperty("status").GetString());
            // Every record carries its SIP dialogue, starting with the carrier's INVITE.
            var trace = detail.GetProperty("sip_trace");
            Assert.True(trace.GetArrayLength() >= 2, detail.ToString());
            Assert.Contains(trace.EnumerateArray(), m => m.ToString().Contains("INVITE", StringComparison.Ordinal));
        }

        var overview = await EndToEndSilo.EventuallyAsync(
            () => EndToEndSilo.GetDataAsync(key, "/v1/analytics/overview"),
            o => o.GetProperty("total_calls").GetInt64() == 5 && o.GetProperty("active_calls").GetInt32() == 0);
        Assert.Equal(5, overview.GetProperty("total_calls").GetInt64());
        Assert.Equal(1, overview.GetProperty("completed").GetInt64());
        Assert.Equal(4, overview.GetProperty("failed").GetInt64());
        Assert.Equal(0, overview.GetProperty("dropped").GetInt64());
        Assert.Equal(20, overview.GetProperty("success_rate").GetDouble(), 3);

        // Trunk and account aggregates are fed separately (one-way messages): read each until it has settled.
        var metrics = (await EndToEndSilo.EventuallyAsync(
            () => EndToEndSilo.GetDataAsync(key, "/v1/trunks/" + main.Id),
            t => t.GetProperty("metrics").GetProperty("calls_today").GetInt64() == 4 && t.GetProperty("metrics").GetProperty("active_calls").GetInt32() == 0))
            .GetProperty("metrics");
        Assert.Equal(4, metrics.GetProperty("calls_today").GetInt64());
        Assert.Equal(25, metrics.GetProperty("success_rate").GetDouble(), 3);
        Assert.Equal(0, metrics.GetProperty("active_calls").GetInt32());
        var trunks = await EndToEndSilo.EventuallyAsync(
            () => EndToEndSilo.GetDataAsync(key, "/v1/trunks"),
            list => list.EnumerateArray().Any(t => t.GetProperty("id").GetString() == parked.Id && t.GetProperty("metrics").GetProperty("calls_today").GetInt64() == 1));
        var listed = trunks.EnumerateArray().Single(t => t.GetProperty("id").GetString() == parked.Id);
        Assert.Equal(1, listed.GetProperty("metrics").GetProperty("calls_today").GetInt64());

        var answeredId = answered.GetProperty("id").GetString()!;
        var received = await _silo.Receiver.WaitForAsync(all => Events(all, answeredId).Count >= 5);
        var events = Events(received, answeredId);
        Assert.Equal(
            ["call.started", "call.answered", "agent.connected", "agent.disconnected", "call.ended"],
            events.Select(e => e.GetProperty("type").GetString()));
        var ended = events[^1].GetProperty("data");
        Assert.Equal(main.Id, ended.GetProperty("trunk_id").GetString());
        Assert.Equal("PCMU", ended.GetProperty("codec").GetString());
        Assert.Equal("caller_hangup", ended.GetProperty("disconnect_reason").GetString());
        Assert.True(ended.GetProperty("duration_seconds").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Object, ended.GetProperty("metrics").ValueKind);
    }

    [Fact(Timeout = 60_000)]
    public async Task Repeated_agent_failures_put_the_trunk_in_error_with_one_trunk_error_event_and_a_connected_agent_clears_it()
    {
        var key = await _silo.NewKeyAsync();
        var path = "/trunk-" + key.AccountId;
        await WebhookSiloFixture.CreateEndpointAsync(key, _silo.Receiver.Url(path), "trunk.error", "agent.connected");
        var trunk = await EndToEndSilo.CreateTrunkAsync(key, _silo.Agent.WebSocketUri("/agent"), "Flaky");
        // The media engine's own edge: what the call bridge reports when the agent cannot be reached.
        var events = _silo.Silo.Services.GetRequiredService<ICallEvents>();
        for (var i = 0; i < 4; i++)
        {
            var id = await events.CallStartedAsync(new CallStartedEvent(trunk.Id, key.AccountId, "+15550199", Allowed, null, "127.0.0.1:5060", "sip-" + i + path, DateTimeOffset.UtcNow), CancellationToken.None);
            var reason = i % 2 == 0 ? DisconnectReasons.AgentUnreachable : DisconnectReasons.AgentError;
            await events.CallEndedAsync(new CallEndedEvent(id, DateTimeOffset.UtcNow, CallOutcome.Failed, reason, [], CallMetrics.Empty), CancellationToken.None);
        }

        var status = await EndToEndSilo.EventuallyAsync(
            async () => (await EndToEndSilo.GetDataAsync(key, "/v1/trunks/" + trunk.Id)).GetProperty("status").GetString(),
            s => s == "error");
        Assert.Equal("error", status);
        var filtered = await EndToEndSilo.GetDataAsync(key, "/v1/trunks?status=error");
        Assert.Equal(trunk.Id, Assert.Single(filtered.EnumerateArray()).GetProperty("id").GetString());

        var good = await events.CallStartedAsync(new CallStartedEvent(trunk.Id, key.AccountId, "+15550199", Allowed, null, "127.0.0.1:5060", "sip-good" + path, DateTimeOffset.UtcNow), CancellationToken.None);
        await events.AgentConnectionChangedAsync(new AgentConnectionEvent(good, trunk.Id, true, DateTimeOffset.UtcNow, null), CancellationToken.None);
        status = await EndToEndSilo.EventuallyAsync(
            async () => (await EndToEndSilo.GetDataAsync(key, "/v1/trunks/" + trunk.Id)).GetProperty("status").GetString(),
            s => s == "active");
        Assert.Equal("active", status);
        await events.CallEndedAsync(new CallEndedEvent(good, DateTimeOffset.UtcNow, CallOutcome.Completed, DisconnectReasons.CallerHangup, [], CallMetrics.Empty), CancellationToken.None);

        var received = await _silo.Receiver.WaitForAsync(all => all.Count(w => w.Path == path && w.Accepted) >= 2);
        var types = received.Where(w => w.Path == path && w.Accepted)
            .Select(w => JsonDocument.Parse(w.Body).RootElement.GetProperty("type").GetString())
            .Distinct()
            .ToList();
        Assert.Equal(1, received.Count(w => w.Path == path && w.Accepted && w.Body.Contains("\"trunk.error\"", StringComparison.Ordinal)));
        Assert.Equal(["agent.connected", "trunk.error"], types.Order(StringComparer.Ordinal));
    }

    /// <summary>The accepted deliveries of <paramref name="callId"/>'s events, each event once, in arrival order.</summary>
    internal static List<JsonElement> Events(IReadOnlyList<ReceivedWebhook> received, string callId)
    {
        var events = new List<JsonElement>();
        foreach (var webhook in received.Where(w => w.Accepted))
        {
            using var body = JsonDocument.Parse(webhook.Body);
            var root = body.RootElement;
            if (root.GetProperty("data").TryGetProperty("call_id", out var id) && id.GetString() == callId
                && !events.Any(e => e.GetProperty("id").GetString() == root.GetProperty("id").GetString()))
            {
                events.Add(root.Clone());
            }
        }

        return events;
    }

    private static async Task AssertSippAsync(Task<(int ExitCode, string Output)> run)
    {
        var (exitCode, output) = await run;
        Assert.True(exitCode == 0, output);
    }
}
