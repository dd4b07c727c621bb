using Telepath.Media.Edge;
using Telepath.Media.Hosting;
using Telepath.TestKit.Sip;

namespace Telepath.Media.Tests.Sip.UserAgent;

/// <summary>Session timers (RFC 4028) and the Require check (RFC 3261 §8.2.2.3) at our UAS.</summary>
public sealed class SipUserAgentServerSessionTimerTests
{
    private const string SupportsTimer = "Supported: timer";
    private const string AllowsUpdate = "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, UPDATE";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(5);

    /// <summary>RFC 3261 §8.2.2.3: a Require tag we do not implement gets 420 listing it in Unsupported, and no call starts.</summary>
    [Fact]
    public void Rejects_INVITE_requiring_an_unknown_extension_with_420_and_Unsupported()
    {
        var h = new UasHarness();
        h.Send(h.Request("INVITE", "c1", "z9hG4bK-r1", body: UasHarness.Offer(), extraHeaders: "Require: 100rel, precondition, sec-agree"));

        LoopSipMessage refused = h.Last();
        Assert.Equal(420, refused.StatusCode);
        Assert.Equal("precondition, sec-agree", refused.Header("Unsupported"));
        Assert.Empty(h.Events.Started);
        Assert.Equal(0, h.Uas.ActiveCalls);
    }

    /// <summary>RFC 3261 §17.2.1: the 420 is sent by an INVITE server transaction, so a retransmitted INVITE gets the same answer.</summary>
    [Fact]
    public void Retransmitted_INVITE_gets_the_same_420()
    {
        var h = new UasHarness();
        string invite = h.Request("INVITE", "c1", "z9hG4bK-r1", body: UasHarness.Offer(), extraHeaders: "Require: precondition", cseq: 1);
        h.Send(invite);
        h.Send(invite);

        Assert.Equal([420, 420], h.Statuses());
        Assert.Equal(h.Transport.Sent[0].Header("To"), h.Transport.Sent[1].Header("To"));
    }

    /// <summary>RFC 3261 §8.2.2.3 applies inside a dialog too: an UPDATE requiring an unknown extension gets 420; the call goes on.</summary>
    [Fact]
    public void Rejects_in_dialog_request_requiring_an_unknown_extension()
    {
        var h = new UasHarness();
        string toTag = Establish(h);
        h.Send(h.Request("UPDATE", "c1", "z9hG4bK-up", toTag: toTag, extraHeaders: "Require: precondition"));

        Assert.Equal(420, h.Last().StatusCode);
        Assert.Equal(1, h.Uas.ActiveCalls);
    }

    /// <summary>RFC 4028 §9: Require: timer is understood; the 2xx keeps the interval, names the caller refresher and requires timer.</summary>
    [Fact]
    public void Accepts_INVITE_requiring_timer_and_makes_the_caller_refresh()
    {
        var h = new UasHarness();
        LoopSipMessage ok = h.InviteWithAuth("c1", extraHeaders: "Require: timer\r\nSupported: timer\r\nSession-Expires: 1800");

        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("1800;refresher=uac", ok.Header("Session-Expires"));
        Assert.Equal("timer", ok.Header("Require"));
        Assert.Contains("timer", ok.Header("Supported"), StringComparison.Ordinal);
    }

    /// <summary>RFC 4028 §6/§9: an interval below our Min-SE from a caller that supports timers gets 422 with our Min-SE.</summary>
    [Fact]
    public void Rejects_too_small_session_interval_with_422_and_Min_SE()
    {
        var h = new UasHarness();
        h.Send(h.Request("INVITE", "c1", "z9hG4bK-s1", body: UasHarness.Offer(), extraHeaders: SupportsTimer + "\r\nSession-Expires: 60"));

        Assert.Equal(422, h.Last().StatusCode);
        Assert.Equal("90", h.Last().Header("Min-SE"));
        Assert.Empty(h.Events.Started);
    }

    /// <summary>RFC 4028 §9: a caller that does not support timers cannot act on a 422, and a UAS may not raise the interval: no timer.</summary>
    [Fact]
    public void Runs_without_timer_when_a_non_supporting_caller_carries_a_too_small_interval()
    {
        var h = new UasHarness();
        LoopSipMessage ok = h.InviteWithAuth("c1", extraHeaders: "Session-Expires: 60");

        Assert.Equal(200, ok.StatusCode);
        Assert.Null(ok.Header("Session-Expires"));
    }

    /// <summary>RFC 4028 §9: we may shorten a long interval to ours, but never below the request's Min-SE.</summary>
    [Fact]
    public void Shortens_a_long_interval_but_not_below_the_request_Min_SE()
    {
        var h = new UasHarness(new SipOptions { SessionExpires = TimeSpan.FromMinutes(30) });
        LoopSipMessage ok = h.InviteWithAuth("c1", extraHeaders: SupportsTimer + "\r\nSession-Expires: 7200;refresher=uac\r\nMin-SE: 2000");

        Assert.Equal("2000;refresher=uac", ok.Header("Session-Expires"));
    }

    /// <summary>RFC 4028 §9: a supporting caller that proposed no interval gets ours, and is made the refresher.</summary>
    [Fact]
    public void Asks_a_supporting_caller_without_an_interval_to_refresh_at_ours()
    {
        var h = new UasHarness(new SipOptions { SessionExpires = TimeSpan.FromMinutes(15) });
        LoopSipMessage ok = h.InviteWithAuth("c1", extraHeaders: SupportsTimer);

        Assert.Equal("900;refresher=uac", ok.Header("Session-Expires"));
        Assert.Equal("timer", ok.Header("Require"));
    }

    /// <summary>Without support or a proposal from the caller there is no session timer, and the 2xx requires nothing.</summary>
    [Fact]
    public void Uses_no_timer_when_the_caller_neither_supports_nor_proposes_one()
    {
        var h = new UasHarness();
        LoopSipMessage ok = h.InviteWithAuth("c1");

        Assert.Null(ok.Header("Session-Expires"));
        Assert.Null(ok.Header("Require"));
    }

    /// <summary>RFC 4028 §4: Session-Expires whose delta is not a number is a bad request.</summary>
    [Fact]
    public void Rejects_malformed_Session_Expires_with_400()
    {
        var h = new UasHarness();
        h.Send(h.Request("INVITE", "c1", "z9hG4bK-s1", body: UasHarness.Offer(), extraHeaders: "Session-Expires: soon;refresher=uac"));

        Assert.Equal(400, h.Last().StatusCode);
    }

    /// <summary>RFC 4028 §10: when the caller refreshes and does not, we BYE at the interval minus min(32 s, a third) and the call is dropped.</summary>
    [Fact]
    public async Task Ends_an_unrefreshed_session_with_BYE()
    {
        var h = new UasHarness();
        Establish(h, SupportsTimer + "\r\nSession-Expires: 90;refresher=uac");

        h.Advance(TimeSpan.FromSeconds(59));
        Assert.DoesNotContain(h.Transport.Sent, m => m.StartLine.StartsWith("BYE", StringComparison.Ordinal));
        h.Advance(TimeSpan.FromSeconds(2));
        LoopSipMessage bye = h.Transport.Sent.First(m => m.StartLine.StartsWith("BYE", StringComparison.Ordinal));
        Assert.Equal("Q.850;cause=102;text=\"network_error\"", bye.Header("Reason"));

        CallEndedEvent ended = await h.Events.WaitForEndedAsync("call-1", s_wait);
        Assert.Equal(CallOutcome.Dropped, ended.Outcome);
        Assert.Equal(DisconnectReasons.NetworkError, ended.DisconnectReason);
    }

    /// <summary>RFC 4028 §9: every accepted UPDATE or re-INVITE is a refresh: it restarts the timer and its 2xx repeats the interval.</summary>
    [Fact]
    public void Refresh_restarts_the_timer()
    {
        var h = new UasHarness();
        string toTag = Establish(h, SupportsTimer + "\r\nSession-Expires: 90;refresher=uac");

        h.Advance(TimeSpan.FromSeconds(50));
        h.Send(h.Request("UPDATE", "c1", "z9hG4bK-up1", toTag: toTag, extraHeaders: SupportsTimer + "\r\nSession-Expires: 90;refresher=uac"));
        Assert.Equal(200, h.Last().StatusCode);
        Assert.Equal("90;refresher=uac", h.Last().Header("Session-Expires"));
        Assert.Contains("timer", h.Last().Header("Supported"), StringComparison.Ordinal);

        h.Advance(TimeSpan.FromSeconds(50));
        Assert.DoesNotContain(h.Transport.Sent, m => m.StartLine.StartsWith("BYE", StringComparison.Ordinal));
        h.Send(h.Request("INVITE", "c1", "z9hG4bK-re1", toTag: toTag, body: UasHarness.Offer(), extraHeaders: SupportsTimer + "\r\nSession-Expires: 90;refresher=uac"));
        LoopSipMessage reinvited = h.Last();
        Assert.Equal("90;refresher=uac", reinvited.Header("Session-Expires"));
        h.Send(h.Request("ACK", "c1", "z9hG4bK-re1ack", toTag: toTag, cseq: reinvited.CSeqNumber));

        h.Advance(TimeSpan.FromSeconds(50));
        Assert.DoesNotContain(h.Transport.Sent, m => m.StartLine.StartsWith("BYE", StringComparison.Ordinal));
        Assert.Equal(1, h.Uas.ActiveCalls);
    }

    /// <summary>RFC 4028 §9-§10: asked to be the refresher, we send an UPDATE without a body at half the interval, and again after each 2xx.</summary>
    [Fact]
    public void Refreshes_with_UPDATE_at_half_the_interval_when_we_are_the_refresher()
    {
        var h = new UasHarness();
        LoopSipMessage ok = Invite(h, SupportsTimer + "\r\n" + AllowsUpdate + "\r\nSession-Expires: 120;refresher=uas");
        Assert.Equal("120;refresher=uas", ok.Header("Session-Expires"));
        Assert.Null(ok.Header("Require"));

        h.Advance(TimeSpan.FromSeconds(59));
        Assert.DoesNotContain(h.Transport.Sent, IsUpdate);
        h.Advance(TimeSpan.FromSeconds(2));
        LoopSipMessage update = Assert.Single(Updates(h));
        Assert.Equal("120;refresher=uas", update.Header("Session-Expires"));
        Assert.NotNull(update.Header("Contact"));
        Assert.Equal(string.Empty, update.Body);
        h.Send(UasHarness.ResponseTo(update, 200, "OK", "Session-Expires: 120;refresher=uas"));

        h.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(2, Updates(h).Count);
        Assert.DoesNotContain(h.Transport.Sent, m => m.StartLine.StartsWith("BYE", StringComparison.Ordinal));
    }

    /// <summary>RFC 3261 §12.2.1.2: a 481 to our refresh means the dialog is gone at the far end: BYE and drop the call.</summary>
    [Fact]
    public async Task Ends_the_call_when_our_refresh_gets_481()
    {
        var h = new UasHarness();
        Invite(h, AllowsUpdate + "\r\nSession-Expires: 90");
        h.Advance(TimeSpan.FromSeconds(46));
        LoopSipMessage update = Assert.Single(Updates(h));
        h.Send(UasHarness.ResponseTo(update, 481, "Call/Transaction Does Not Exist"));

        Assert.Contains(h.Transport.Sent, m => m.StartLine.StartsWith("BYE", StringComparison.Ordinal));
        CallEndedEvent ended = await h.Events.WaitForEndedAsync("call-1", s_wait);
        Assert.Equal(DisconnectReasons.NetworkError, ended.DisconnectReason);
    }

    /// <summary>RFC 4028 §9: a proxy-inserted interval for a caller without timer support makes us the refresher (UPDATE allowed).</summary>
    [Fact]
    public void Becomes_the_refresher_for_a_caller_without_timer_support()
    {
        var h = new UasHarness();
        LoopSipMessage ok = Invite(h, AllowsUpdate + "\r\nSession-Expires: 600");

        Assert.Equal("600;refresher=uas", ok.Header("Session-Expires"));
    }

    /// <summary>We refresh only with UPDATE: a peer that must be refreshed by us but does not allow UPDATE gets no timer, not one we would let lapse.</summary>
    [Fact]
    public void Uses_no_timer_when_we_would_refresh_but_UPDATE_is_not_allowed()
    {
        var h = new UasHarness();
        LoopSipMessage ok = h.InviteWithAuth("c1", extraHeaders: SupportsTimer + "\r\nAllow: INVITE, ACK, BYE\r\nSession-Expires: 600;refresher=uas");

        Assert.Equal(200, ok.StatusCode);
        Assert.Null(ok.Header("Session-Expires"));
    }

    private static bool IsUpdate(LoopSipMessage message) => message.StartLine.StartsWith("UPDATE", StringComparison.Ordinal);

    /// <summary>Our UPDATEs, one per transaction (UDP retransmissions repeat the CSeq).</summary>
    private static List<LoopSipMessage> Updates(UasHarness h) =>
        [.. h.Transport.Sent.Where(IsUpdate).DistinctBy(m => m.CSeqNumber)];

    private static LoopSipMessage Invite(UasHarness h, string headers)
    {
        LoopSipMessage ok = h.InviteWithAuth("c1", extraHeaders: headers);
        Assert.Equal(200, ok.StatusCode);
        h.Send(h.Request("ACK", "c1", "z9hG4bK-ack", toTag: UasHarness.ToTag(ok), cseq: ok.CSeqNumber));
        return ok;
    }

    private static string Establish(UasHarness h, string? headers = null) => UasHarness.ToTag(Invite(h, headers ?? string.Empty));
}
