using Telepath.Media.Edge;
using Telepath.Media.Sip.Transport;
using Telepath.Media.Tests.Sip.UserAgent;
using Telepath.TestKit.Sip;

namespace Telepath.Media.Tests.Sip.Transactions;

/// <summary>
/// RFC 3261 §17 timers through the whole stack on a loop transport under a fake clock (T1 = 500 ms,
/// T2 = 4 s): retransmit intervals, their cap, what stops them, and what happens when they run out.
/// </summary>
public sealed class TransactionTimerTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(5);

    /// <summary>RFC 3261 §13.3.1.4: the 2xx is retransmitted at T1, doubling to T2, until the ACK arrives.</summary>
    [Fact]
    public void Invite_2xx_is_retransmitted_doubling_to_T2_until_ack()
    {
        var h = new UasHarness();
        LoopSipMessage ok = h.InviteWithAuth("c1");
        h.Transport.ClearSent();

        List<double> times = SendTimes(h, TimeSpan.FromSeconds(16), m => m.StatusCode == 200);
        Assert.Equal([500, 1500, 3500, 7500, 11500, 15500], times);

        h.Send(h.Request("ACK", "c1", "z9hG4bK-ack", toTag: UasHarness.ToTag(ok), cseq: 2));
        h.Transport.ClearSent();
        h.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(h.Transport.Sent);
    }

    /// <summary>RFC 3261 §13.3.1.4 / RFC 6026 §8.4: no ACK within 64·T1 → BYE and the call is dropped.</summary>
    [Fact]
    public async Task Unacknowledged_2xx_ends_the_call_with_bye_after_64_T1()
    {
        var h = new UasHarness();
        h.InviteWithAuth("c1");
        h.Advance(TimeSpan.FromSeconds(31.9));
        Assert.DoesNotContain(h.Transport.Sent, m => m.StartLine.StartsWith("BYE", StringComparison.Ordinal));

        h.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Contains(h.Transport.Sent, m => m.StartLine.StartsWith("BYE", StringComparison.Ordinal));
        CallEndedEvent ended = await h.Events.WaitForEndedAsync("call-1", s_wait);
        Assert.Equal(CallOutcome.Dropped, ended.Outcome);
        Assert.Equal(DisconnectReasons.NetworkError, ended.DisconnectReason);
    }

    /// <summary>RFC 3261 §17.2.1: a 2xx is not retransmitted by this layer on a reliable transport.</summary>
    [Fact]
    public void Invite_2xx_is_not_retransmitted_over_tcp()
    {
        var h = new UasHarness(protocol: SipTransportProtocol.Tcp);
        Assert.Equal(200, h.InviteWithAuth("c1").StatusCode);
        h.Transport.ClearSent();
        h.Advance(TimeSpan.FromSeconds(10));

        Assert.Empty(h.Transport.Sent);
    }

    /// <summary>RFC 3261 §17.2.1: Timer G retransmits a non-2xx final at T1 doubling to T2; the ACK (same branch) stops it.</summary>
    [Fact]
    public void Non_2xx_final_is_retransmitted_by_timer_G_until_ack()
    {
        var h = new UasHarness();
        h.Send(h.Request("INVITE", "c1", "z9hG4bK-g", body: UasHarness.Offer()));
        LoopSipMessage challenge = h.Last();
        h.Transport.ClearSent();

        Assert.Equal([500, 1500, 3500], SendTimes(h, TimeSpan.FromSeconds(4), m => m.StatusCode == 401));

        h.Send(h.Request("ACK", "c1", "z9hG4bK-g", toTag: UasHarness.ToTag(challenge), cseq: 1));
        h.Transport.ClearSent();
        h.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(h.Transport.Sent);
    }

    /// <summary>RFC 3261 §17.2.1: without an ACK, Timer H (64·T1) ends the transaction and its retransmissions.</summary>
    [Fact]
    public void Timer_H_ends_a_non_2xx_transaction_without_ack()
    {
        var h = new UasHarness();
        h.Send(h.Request("INVITE", "c1", "z9hG4bK-h", body: UasHarness.Offer()));
        Assert.Equal(1, h.Uas.Transactions.ServerCount);

        h.Advance(TimeSpan.FromSeconds(32.1));
        Assert.Equal(0, h.Uas.Transactions.ServerCount);
        h.Transport.ClearSent();
        h.Advance(TimeSpan.FromSeconds(5));
        Assert.Empty(h.Transport.Sent);
    }

    /// <summary>RFC 3261 §17.2.2: a retransmitted request gets the same response; Timer J (64·T1) then forgets it.</summary>
    [Fact]
    public void Non_invite_retransmission_is_absorbed_until_timer_J()
    {
        var h = new UasHarness();
        string options = h.Request("OPTIONS", "o1", "z9hG4bK-o", cseq: 1);
        h.Send(options);
        h.Send(options);

        Assert.Equal(2, h.Transport.Sent.Count);
        Assert.Equal(h.Transport.Sent[0].Text, h.Transport.Sent[1].Text);
        Assert.Equal(1, h.Uas.Transactions.ServerCount);

        h.Advance(TimeSpan.FromSeconds(32.1));
        Assert.Equal(0, h.Uas.Transactions.ServerCount);
    }

    /// <summary>RFC 3261 §17.2.1: a retransmitted INVITE is absorbed (100 resent) and starts no second call.</summary>
    [Fact]
    public void Duplicated_invite_starts_one_call()
    {
        var h = new UasHarness(handler: new RingingCallHandler());
        h.Send(h.Request("INVITE", "c1", "z9hG4bK-1", body: UasHarness.Offer()));
        string auth = UasHarness.Authorization(h.Last().Header("WWW-Authenticate")!);
        string invite = h.Request("INVITE", "c1", "z9hG4bK-2", body: UasHarness.Offer(), authorization: auth, cseq: 2);
        h.Send(invite);
        h.Send(invite);

        Assert.Single(h.Events.Started);
        Assert.Equal(1, h.Uas.ActiveCalls);
        Assert.Equal(180, h.Last().StatusCode);
    }

    /// <summary>RFC 3261 §17.1.2.2: our BYE is retransmitted by Timer E at T1 doubling to T2, and Timer F gives up at 64·T1.</summary>
    [Fact]
    public async Task Bye_we_send_is_retransmitted_by_timer_E_until_timer_F()
    {
        var handler = new SignalCollectingHandler();
        var h = new UasHarness(handler: handler);
        LoopSipMessage ok = h.InviteWithAuth("c1");
        h.Send(h.Request("ACK", "c1", "z9hG4bK-ack", toTag: UasHarness.ToTag(ok), cseq: 2));
        IncomingCallHandle call = new(await handler.Answered);
        await call.HangUpAsync();
        h.Transport.ClearSent();

        List<double> times = SendTimes(h, TimeSpan.FromSeconds(33), m => m.StartLine.StartsWith("BYE", StringComparison.Ordinal));
        Assert.Equal([500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500], times);
        Assert.Equal(0, h.Uas.Transactions.ClientCount);
    }

    /// <summary>RFC 3261 §17.1.2.2: a final response stops the BYE retransmissions.</summary>
    [Fact]
    public async Task Bye_retransmission_stops_on_final_response()
    {
        var handler = new SignalCollectingHandler();
        var h = new UasHarness(handler: handler);
        LoopSipMessage ok = h.InviteWithAuth("c1");
        h.Send(h.Request("ACK", "c1", "z9hG4bK-ack", toTag: UasHarness.ToTag(ok), cseq: 2));
        await new IncomingCallHandle(await handler.Answered).HangUpAsync();
        LoopSipMessage bye = h.Last();
        Assert.StartsWith("BYE sip:carrier@198.51.100.7:5062", bye.StartLine, StringComparison.Ordinal);

        string response = "SIP/2.0 200 OK\r\nVia: " + bye.Header("Via") + "\r\nFrom: " + bye.Header("From") + "\r\nTo: " + bye.Header("To")
            + "\r\nCall-ID: c1\r\nCSeq: " + bye.Header("CSeq") + "\r\nContent-Length: 0\r\n\r\n";
        h.Send(response);
        h.Transport.ClearSent();
        h.Advance(TimeSpan.FromSeconds(10));

        Assert.Empty(h.Transport.Sent);
        CallEndedEvent ended = await h.Events.WaitForEndedAsync("call-1", s_wait);
        Assert.Equal(DisconnectReasons.AgentHangup, ended.DisconnectReason);
    }

    private static List<double> SendTimes(UasHarness h, TimeSpan total, Func<LoopSipMessage, bool> match)
    {
        var times = new List<double>();
        int seen = 0;
        for (int elapsed = 5; elapsed <= total.TotalMilliseconds; elapsed += 5)
        {
            h.Advance(TimeSpan.FromMilliseconds(5));
            IReadOnlyList<LoopSipMessage> sent = h.Transport.Sent;
            for (; seen < sent.Count; seen++)
            {
                if (match(sent[seen]))
                {
                    times.Add(elapsed);
                }
            }
        }

        return times;
    }

    private sealed class IncomingCallHandle(Media.Sip.UserAgent.IncomingCall call)
    {
        public Task HangUpAsync() => call.HangUpAsync(DisconnectReasons.AgentHangup, CancellationToken.None).AsTask();
    }
}
