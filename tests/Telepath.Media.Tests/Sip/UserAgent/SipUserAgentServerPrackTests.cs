using Telepath.Media.Edge;
using Telepath.TestKit.Sip;

namespace Telepath.Media.Tests.Sip.UserAgent;

/// <summary>Reliable provisional responses and PRACK (RFC 3262) for callers that require <c>100rel</c>.</summary>
public sealed class SipUserAgentServerPrackTests
{
    private const string Requires100Rel = "Supported: timer\r\nRequire: 100rel";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(5);

    /// <summary>RFC 3262 §3: the 180 requires 100rel, carries RSeq and Contact, and is resent at T1, 2·T1, … until acknowledged.</summary>
    [Fact]
    public void Reliable_180_is_resent_until_its_PRACK_and_the_PRACK_gets_200()
    {
        var h = new UasHarness(handler: new RingingCallHandler());
        LoopSipMessage ringing = h.InviteWithAuth("c1", extraHeaders: Requires100Rel);
        Assert.Equal(180, ringing.StatusCode);
        Assert.Equal("100rel", ringing.Header("Require"));
        Assert.NotNull(ringing.Header("Contact"));
        uint rseq = uint.Parse(ringing.Header("RSeq")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(rseq, 1u, (uint)int.MaxValue);

        h.Advance(TimeSpan.FromMilliseconds(1600));
        Assert.Equal(3, Ringings(h)); // sent, +500 ms, +1500 ms

        h.Send(Prack(h, ringing, $"{rseq} {ringing.CSeqNumber} INVITE"));
        Assert.Equal(200, h.Last().StatusCode);
        Assert.Contains("PRACK", h.Last().Header("CSeq"), StringComparison.Ordinal);

        h.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(3, Ringings(h));
        Assert.Equal(1, h.Uas.ActiveCalls);
    }

    /// <summary>RFC 3262 §4: a PRACK whose RAck names no reliable provisional response of ours gets 481.</summary>
    [Fact]
    public void PRACK_with_a_wrong_RAck_gets_481()
    {
        var h = new UasHarness(handler: new RingingCallHandler());
        LoopSipMessage ringing = h.InviteWithAuth("c1", extraHeaders: Requires100Rel);

        h.Send(Prack(h, ringing, $"1 {ringing.CSeqNumber + 5} INVITE"));

        Assert.Equal(481, h.Last().StatusCode);
    }

    /// <summary>RFC 3262 §3: with no PRACK for 64·T1 the INVITE is refused with a 5xx and the call fails.</summary>
    [Fact]
    public async Task No_PRACK_for_64_T1_refuses_the_INVITE()
    {
        var h = new UasHarness(handler: new RingingCallHandler());
        h.InviteWithAuth("c1", extraHeaders: Requires100Rel);

        h.Advance(TimeSpan.FromSeconds(33));

        Assert.Contains(h.Transport.Sent, m => m.StatusCode == 500);
        CallEndedEvent ended = await h.Events.WaitForEndedAsync("call-1", s_wait);
        Assert.Equal(CallOutcome.Failed, ended.Outcome);
        Assert.Equal(DisconnectReasons.NetworkError, ended.DisconnectReason);
    }

    /// <summary>A caller that merely supports 100rel gets an ordinary 180: reliability is used only when required.</summary>
    [Fact]
    public void Caller_that_only_supports_100rel_gets_an_ordinary_180()
    {
        var h = new UasHarness(handler: new RingingCallHandler());
        LoopSipMessage ringing = h.InviteWithAuth("c1", extraHeaders: "Supported: 100rel");

        Assert.Equal(180, ringing.StatusCode);
        Assert.Null(ringing.Header("RSeq"));
        h.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, Ringings(h));
    }

    /// <summary>RFC 3262 §3: our 180 has no SDP, so the 200 may precede the PRACK; a late PRACK still gets 200, not a dialog-killing 481.</summary>
    [Fact]
    public async Task Answer_may_precede_the_PRACK_and_a_late_PRACK_still_gets_200()
    {
        var handler = new RingThenAnswerHandler();
        var h = new UasHarness(handler: handler);
        h.InviteWithAuth("c1", extraHeaders: Requires100Rel);
        await handler.Answered.WaitAsync(s_wait);
        LoopSipMessage ringing = h.Transport.Sent.Last(m => m.StatusCode == 180);
        LoopSipMessage ok = h.Transport.Sent.Last(m => m.StatusCode == 200);

        h.Send(Prack(h, ok, $"{ringing.Header("RSeq")} {ringing.CSeqNumber} INVITE"));

        Assert.Equal(200, h.Last().StatusCode);
        Assert.Contains("PRACK", h.Last().Header("CSeq"), StringComparison.Ordinal);
        Assert.Equal(1, h.Uas.ActiveCalls);
    }

    private static int Ringings(UasHarness h) => h.Transport.Sent.Count(m => m.StatusCode == 180);

    private static string Prack(UasHarness h, LoopSipMessage response, string rack) =>
        h.Request("PRACK", "c1", "z9hG4bK-prack-" + rack.GetHashCode(StringComparison.Ordinal), toTag: UasHarness.ToTag(response), extraHeaders: "RAck: " + rack);
}
