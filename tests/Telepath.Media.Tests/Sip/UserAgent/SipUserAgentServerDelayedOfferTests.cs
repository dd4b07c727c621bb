using System.Net;
using Telepath.Media.Edge;
using Telepath.Media.Sip.UserAgent;
using Telepath.TestKit.Sip;

namespace Telepath.Media.Tests.Sip.UserAgent;

/// <summary>
/// Delayed offer: INVITEs and re-INVITEs without SDP get our offer in the 2xx and the answer comes in the ACK
/// (RFC 3261 §13.3.1.1, §14.2; RFC 3264 §5, §7); a bodiless UPDATE stays a refresh (RFC 3311 §5.2).
/// </summary>
public sealed class SipUserAgentServerDelayedOfferTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(5);

    /// <summary>The SDP a caller answers our offer with.</summary>
    private static string AnswerSdp(string payloads = "8", string direction = "sendrecv", string port = "41000") =>
        "v=0\r\no=carrier 5 1 IN IP4 198.51.100.7\r\ns=-\r\nc=IN IP4 198.51.100.7\r\nt=0 0\r\n"
        + "m=audio " + port + " RTP/AVP " + payloads + "\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=" + direction + "\r\n";

    /// <summary>INVITE without a body → 401 → INVITE with credentials and still no body; the response to the second.</summary>
    private static LoopSipMessage OfferlessInvite(UasHarness h, string callId = "d1")
    {
        h.Send(h.Request("INVITE", callId, "z9hG4bK-" + callId + "-1"));
        LoopSipMessage challenge = h.Last();
        h.Send(h.Request("ACK", callId, "z9hG4bK-" + callId + "-1", toTag: UasHarness.ToTag(challenge), cseq: challenge.CSeqNumber));
        h.Send(h.Request("INVITE", callId, "z9hG4bK-" + callId + "-2", authorization: UasHarness.Authorization(challenge.Header("WWW-Authenticate")!)));
        return h.Last();
    }

    /// <summary>A harness whose handler answered an offerless INVITE: the 200 carries our offer and awaits the ACK.</summary>
    private static async Task<(UasHarness Harness, SignalCollectingHandler Handler, LoopSipMessage Ok)> AnsweredOfferlessAsync()
    {
        var handler = new SignalCollectingHandler();
        var h = new UasHarness(handler: handler);
        LoopSipMessage ok = OfferlessInvite(h);
        await handler.Answered.WaitAsync(s_wait);
        return (h, handler, ok);
    }

    private static void Ack(UasHarness h, LoopSipMessage ok, string? body, string callId = "d1", string branch = "z9hG4bK-ack") =>
        h.Send(h.Request("ACK", callId, branch, toTag: UasHarness.ToTag(ok), cseq: ok.CSeqNumber, body: body));

    /// <summary>RFC 3261 §13.3.1.1: the INVITE carried no offer, so the 200 carries ours, with every codec we support.</summary>
    [Fact]
    public async Task Answers_offerless_INVITE_with_an_offer_in_the_200()
    {
        var handler = new SignalCollectingHandler();
        var h = new UasHarness(handler: handler);

        LoopSipMessage ok = OfferlessInvite(h);

        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("application/sdp", ok.Header("Content-Type"));
        Assert.Contains("m=audio 20000 RTP/AVP 0 8 101\r\n", ok.Body, StringComparison.Ordinal);
        Assert.Contains("a=sendrecv", ok.Body, StringComparison.Ordinal);
        IncomingCall call = await handler.Answered.WaitAsync(s_wait);
        Assert.Equal("PCMU", call.Audio!.Codec.Name);
        Assert.Equal(IPAddress.Any, call.Audio.RemoteRtp.Address);

        // The codec is known only when the ACK answers: the answered event waits for it.
        Assert.Empty(h.Events.Answered);
    }

    /// <summary>RFC 3264 §7: the answer in the ACK picks PCMA; the handler switches to it and the record says PCMA.</summary>
    [Fact]
    public async Task Applies_the_answer_in_the_ACK()
    {
        (UasHarness h, SignalCollectingHandler handler, LoopSipMessage ok) = await AnsweredOfferlessAsync();

        Ack(h, ok, AnswerSdp("8"));

        var updated = (MediaUpdatedSignal)await handler.WaitForSignalAsync(s => s is MediaUpdatedSignal);
        Assert.Equal("PCMA", updated.Audio.Codec.Name);
        Assert.Equal(8, updated.Audio.Codec.PayloadType);
        Assert.Null(updated.Audio.TelephoneEventPayloadType);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.7"), 41000), updated.Audio.RemoteRtp);
        Assert.Equal("PCMA", Assert.Single(h.Events.Answered).Codec);
        Assert.Equal(1, h.Uas.ActiveCalls);

        // The ACK stopped the 200's retransmissions.
        int sent = h.Transport.Sent.Count;
        h.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(sent, h.Transport.Sent.Count);
    }

    /// <summary>After a delayed-offer exchange settled on PCMA, a peer re-offer listing PCMU first keeps PCMA.</summary>
    [Fact]
    public async Task A_later_reoffer_keeps_the_codec_the_ACK_answered()
    {
        (UasHarness h, SignalCollectingHandler handler, LoopSipMessage ok) = await AnsweredOfferlessAsync();
        Ack(h, ok, AnswerSdp("8"));

        h.Send(h.Request("INVITE", "d1", "z9hG4bK-re1", toTag: UasHarness.ToTag(ok), body: UasHarness.Offer("0 8")));

        LoopSipMessage answer = h.Last();
        Assert.Equal(200, answer.StatusCode);
        Assert.Contains("m=audio 20000 RTP/AVP 8", answer.Body, StringComparison.Ordinal);

        // RFC 3264 §8: same session id as our offer in the first 200, next version.
        string offerOrigin = ok.Body.Split("\r\n")[1];
        string answerOrigin = answer.Body.Split("\r\n")[1];
        Assert.Equal(offerOrigin.Split(' ')[1], answerOrigin.Split(' ')[1]);
        Assert.Equal(ulong.Parse(offerOrigin.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture) + 1, ulong.Parse(answerOrigin.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>RFC 3261 §13.3.1.4, RFC 3264 §7: an offer in the 200 that the ACK does not answer ends the session.</summary>
    [Theory]
    [InlineData(null)]
    [InlineData("this is not sdp")]
    [InlineData("v=0\r\no=carrier 5 1 IN IP4 198.51.100.7\r\ns=-\r\nc=IN IP4 198.51.100.7\r\nt=0 0\r\nm=audio 0 RTP/AVP 0\r\n")]
    [InlineData("v=0\r\no=carrier 5 1 IN IP4 198.51.100.7\r\ns=-\r\nc=IN IP4 198.51.100.7\r\nt=0 0\r\nm=audio 41000 RTP/AVP 18\r\na=rtpmap:18 G729/8000\r\n")]
    public async Task Sends_BYE_when_the_ACK_carries_no_answer(string? body)
    {
        (UasHarness h, SignalCollectingHandler handler, LoopSipMessage ok) = await AnsweredOfferlessAsync();

        Ack(h, ok, body);

        Assert.StartsWith("BYE", h.Last().StartLine, StringComparison.Ordinal);
        CallEndedEvent ended = await h.Events.WaitForEndedAsync("call-1", s_wait);
        Assert.Equal(CallOutcome.Failed, ended.Outcome);
        Assert.Equal(DisconnectReasons.CodecMismatch, ended.DisconnectReason);
        Assert.Empty(h.Events.Answered);
        Assert.Equal(h.Ports.Capacity, h.Ports.Available);
    }

    [Fact]
    public async Task Trace_holds_the_offer_and_the_answer()
    {
        (UasHarness h, SignalCollectingHandler handler, LoopSipMessage ok) = await AnsweredOfferlessAsync();
        Ack(h, ok, AnswerSdp("0"));
        h.Send(h.Request("BYE", "d1", "z9hG4bK-bye", toTag: UasHarness.ToTag(ok)));

        CallEndedEvent ended = await h.Events.WaitForEndedAsync("call-1", s_wait);
        IReadOnlyList<SipTraceEntry> trace = h.Events.Traces[ended.CallId];
        Assert.Contains(trace, e => e.Outbound && e.Text.StartsWith("SIP/2.0 200", StringComparison.Ordinal) && e.Text.Contains("RTP/AVP 0 8 101", StringComparison.Ordinal));
        Assert.Contains(trace, e => !e.Outbound && e.Text.StartsWith("ACK", StringComparison.Ordinal) && e.Text.Contains("m=audio 41000", StringComparison.Ordinal));
        Assert.Equal("PCMU", Assert.Single(h.Events.Answered).Codec);
        Assert.Equal(CallOutcome.Completed, ended.Outcome);
    }

    /// <summary>RFC 3261 §14.2: a re-INVITE without an offer gets ours (current codec first); the ACK's answer applies.</summary>
    [Fact]
    public async Task Offers_in_the_200_to_an_offerless_reINVITE()
    {
        var handler = new SignalCollectingHandler();
        var h = new UasHarness(handler: handler);
        string toTag = Establish(h, UasHarness.Offer("8 0"));
        await handler.Answered.WaitAsync(s_wait);

        h.Send(h.Request("INVITE", "c1", "z9hG4bK-re1", toTag: toTag));
        LoopSipMessage ok = h.Last();
        Assert.Equal(200, ok.StatusCode);
        Assert.Contains("m=audio 20000 RTP/AVP 8 0 101\r\n", ok.Body, StringComparison.Ordinal);
        Assert.Contains("o=telepath ", ok.Body, StringComparison.Ordinal);

        h.Send(h.Request("ACK", "c1", "z9hG4bK-re1ack", toTag: toTag, cseq: ok.CSeqNumber, body: AnswerSdp("0", direction: "sendonly", port: "42000")));

        var updated = (MediaUpdatedSignal)await handler.WaitForSignalAsync(s => s is MediaUpdatedSignal);
        Assert.Equal("PCMU", updated.Audio.Codec.Name);
        Assert.True(updated.Audio.IsRemoteHold);
        Assert.Equal(42000, updated.Audio.RemoteRtp.Port);
    }

    /// <summary>Mid-call leniency: a re-offer the ACK does not answer leaves the session as it was, without a BYE.</summary>
    [Fact]
    public async Task Keeps_the_session_when_the_ACK_to_a_reINVITE_offer_has_no_answer()
    {
        var handler = new SignalCollectingHandler();
        var h = new UasHarness(handler: handler);
        string toTag = Establish(h, UasHarness.Offer());
        IncomingCall call = await handler.Answered.WaitAsync(s_wait);

        h.Send(h.Request("INVITE", "c1", "z9hG4bK-re1", toTag: toTag));
        LoopSipMessage ok = h.Last();
        h.Send(h.Request("ACK", "c1", "z9hG4bK-re1ack", toTag: toTag, cseq: ok.CSeqNumber));

        Assert.StartsWith("SIP/2.0 200", h.Last().StartLine, StringComparison.Ordinal);
        Assert.Equal(1, h.Uas.ActiveCalls);
        Assert.Equal(40000, call.Audio!.RemoteRtp.Port);
        Assert.DoesNotContain(handler.Signals, s => s is MediaUpdatedSignal);

        // A later re-offer from the peer is answered as usual.
        h.Send(h.Request("INVITE", "c1", "z9hG4bK-re2", toTag: toTag, body: UasHarness.Offer("8")));
        Assert.Equal(200, h.Last().StatusCode);
        Assert.Contains("m=audio 20000 RTP/AVP 8", h.Last().Body, StringComparison.Ordinal);
    }

    /// <summary>RFC 3311 §5.2 / RFC 3264 §4: a new offer while ours awaits its answer in the ACK gets 491.</summary>
    [Fact]
    public async Task Offer_while_our_offer_awaits_its_answer_gets_491()
    {
        var handler = new SignalCollectingHandler();
        var h = new UasHarness(handler: handler);
        string toTag = Establish(h, UasHarness.Offer());
        await handler.Answered.WaitAsync(s_wait);
        h.Send(h.Request("INVITE", "c1", "z9hG4bK-re1", toTag: toTag));
        LoopSipMessage ok = h.Last();

        h.Send(h.Request("UPDATE", "c1", "z9hG4bK-up1", toTag: toTag, body: UasHarness.Offer("8")));
        Assert.Equal(491, h.Last().StatusCode);

        // A bodiless UPDATE is only a refresh and goes through.
        h.Send(h.Request("UPDATE", "c1", "z9hG4bK-up2", toTag: toTag));
        Assert.Equal(200, h.Last().StatusCode);

        h.Send(h.Request("ACK", "c1", "z9hG4bK-re1ack", toTag: toTag, cseq: ok.CSeqNumber, body: AnswerSdp("8")));
        var updated = (MediaUpdatedSignal)await handler.WaitForSignalAsync(s => s is MediaUpdatedSignal);
        Assert.Equal("PCMA", updated.Audio.Codec.Name);
    }

    /// <summary>RFC 3311 §5.2: an UPDATE without an offer is a refresh, and its 200 carries no SDP.</summary>
    [Fact]
    public void Bodiless_UPDATE_gets_a_200_without_SDP()
    {
        var h = new UasHarness();
        string toTag = Establish(h, UasHarness.Offer());

        h.Send(h.Request("UPDATE", "c1", "z9hG4bK-up", toTag: toTag));

        Assert.Equal(200, h.Last().StatusCode);
        Assert.Equal(string.Empty, h.Last().Body);
        Assert.Null(h.Last().Header("Content-Type"));
    }

    private static string Establish(UasHarness h, string offer)
    {
        LoopSipMessage ok = h.InviteWithAuth("c1", offer);
        Assert.Equal(200, ok.StatusCode);
        string toTag = UasHarness.ToTag(ok);
        h.Send(h.Request("ACK", "c1", "z9hG4bK-ack", toTag: toTag, cseq: ok.CSeqNumber));
        return toTag;
    }
}
