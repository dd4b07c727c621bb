using System.Net.WebSockets;
using Telepath.TestKit.Agents;
using Telepath.TestKit.Network;
using Telepath.TestKit.Sip;

namespace Telepath.Api.Tests.EndToEnd;

/// <summary>
/// Issue #8 through the real silo program: either side hanging up ends both legs, an agent that cannot be reached
/// refuses the call, and each leaves the call record the API spec (§6) names.
/// </summary>
[Collection(AudioSiloCollection.Name)]
public sealed class CallHangupEndToEndTests
{
    private readonly EndToEndSilo _silo;

    public CallHangupEndToEndTests(EndToEndSilo silo)
    {
        _silo = silo;
    }

    /// <summary>The caller's BYE (RFC 3261 §15.1.2) is answered 200; the agent gets <c>stop</c> and a clean close; the record is <c>completed</c>/<c>caller_hangup</c>.</summary>
    [Fact(Timeout = 60_000)]
    public async Task Caller_bye_sends_stop_closes_the_agent_socket_and_records_completed_with_caller_hangup()
    {
        await using var call = await SiloCall.CreateAsync(_silo, "custom");
        var session = await call.AnswerAsync();
        var start = await session.ReceiveWhereAsync("event", "start", SiloCall.Guard());
        var callId = start.GetProperty("start").GetProperty("customParameters").GetProperty("call_id").GetString();

        Assert.Equal(200, SipTestCaller.Status(await call.Sip.SendInDialogAsync("BYE")));
        var stop = await session.ReceiveWhereAsync("event", "stop", SiloCall.Guard());
        var closed = await session.Closed.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(start.GetProperty("start").GetProperty("callSid").GetString(), stop.GetProperty("stop").GetProperty("callSid").GetString());
        Assert.Equal(WebSocketCloseStatus.NormalClosure, closed);
        var record = await call.FinalRecordAsync();
        Assert.Equal(callId, record.GetProperty("id").GetString());
        Assert.Equal("completed", record.GetProperty("status").GetString());
        Assert.Equal("caller_hangup", record.GetProperty("disconnect_reason").GetString());
    }

    /// <summary>The agent closing its WebSocket ends the call from the silo's side: the caller gets a BYE; the record is <c>completed</c>/<c>agent_hangup</c>.</summary>
    [Fact(Timeout = 60_000)]
    public async Task Agent_closing_its_socket_sends_bye_to_the_caller_and_records_completed_with_agent_hangup()
    {
        await using var call = await SiloCall.CreateAsync(_silo, "custom");
        var session = await call.AnswerAsync();
        await session.ReceiveWhereAsync("event", "start", SiloCall.Guard());

        await session.CloseAsync();
        var bye = await call.Sip.WaitForByeAsync();

        Assert.StartsWith("BYE ", bye, StringComparison.Ordinal);
        var record = await call.FinalRecordAsync();
        Assert.Equal("completed", record.GetProperty("status").GetString());
        Assert.Equal("agent_hangup", record.GetProperty("disconnect_reason").GetString());
    }

    /// <summary>An agent URL on a loopback port nobody listens on: the INVITE is answered 480 (RFC 3261 §21.4.18); the record is <c>failed</c>/<c>agent_unreachable</c>.</summary>
    [Fact(Timeout = 60_000)]
    public async Task Unreachable_agent_answers_the_invite_480_and_records_failed_with_agent_unreachable()
    {
        await using var call = await SiloCall.CreateAsync(_silo, "custom", agentUrl: new Uri($"ws://127.0.0.1:{FreePort.Tcp()}/bot"));

        var final = await call.InviteAsync();

        Assert.Equal(480, SipTestCaller.Status(final));
        var record = await call.FinalRecordAsync();
        Assert.Equal("failed", record.GetProperty("status").GetString());
        Assert.Equal("agent_unreachable", record.GetProperty("disconnect_reason").GetString());
        Assert.Equal(0, call.Agent.UpgradeAttempts);
    }
}
