using System.Text;
using Telepath.Media.Edge;
using Telepath.Media.Hosting;
using Telepath.Media.Sip.UserAgent;
using Telepath.TestKit.Sip;

namespace Telepath.Media.Tests.Sip.UserAgent;

/// <summary>The INVITE session inside its dialog: CANCEL, BYE, re-INVITE, INFO, OPTIONS, error cases, overload and drain.</summary>
public sealed class SipUserAgentServerDialogTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(5);

    /// <summary>RFC 3261 §9.2: CANCEL gets 200 and the pending INVITE 487; the call is failed with <c>cancelled</c>.</summary>
    [Fact]
    public async Task Cancel_before_answer_gets_200_and_487()
    {
        var h = new UasHarness(handler: new RingingCallHandler());
        Assert.Equal(180, h.InviteWithAuth("c1").StatusCode);
        h.Send(h.Request("CANCEL", "c1", "z9hG4bK-c1-2", cseq: 2));

        IReadOnlyList<LoopSipMessage> sent = h.Transport.Sent;
        Assert.Equal(200, sent[^2].StatusCode);
        Assert.Contains("CANCEL", sent[^2].Header("CSeq"), StringComparison.Ordinal);
        Assert.Equal(487, sent[^1].StatusCode);
        Assert.Contains("INVITE", sent[^1].Header("CSeq"), StringComparison.Ordinal);
        CallEndedEvent ended = await h.Events.WaitForEndedAsync("call-1", s_wait);
        Assert.Equal(CallOutcome.Failed, ended.Outcome);
        Assert.Equal(DisconnectReasons.Cancelled, ended.DisconnectReason);
        Assert.Equal(h.Ports.Capacity, h.Ports.Available);
    }

    /// <summary>ITU-T Q.1912.5 SIP-I / RFC 5621: the offer inside a multipart body (ISUP beside SDP) is answered like a plain one.</summary>
    [Fact]
    public void Answers_the_SDP_part_of_a_SIP_I_multipart_INVITE()
    {
        var h = new UasHarness();
        string body = "--sip-i\r\nContent-Type: application/isup;version=itu-t92+\r\nContent-Disposition: signal;handling=optional\r\n\r\n"
            + "\u0001\u0010\u0020\r\n--sip-i\r\nContent-Type: application/sdp\r\n\r\n" + UasHarness.Offer("8") + "\r\n--sip-i--\r\n";

        LoopSipMessage ok = h.InviteWithAuth("c1", body, contentType: "multipart/mixed;boundary=sip-i");

        Assert.Equal(200, ok.StatusCode);
        Assert.Contains("m=audio 20000 RTP/AVP 8", ok.Body, StringComparison.Ordinal);
    }

    /// <summary>
    /// RFC 3261 §8.2.2.2: the same INVITE (Call-ID, From tag, CSeq) arriving again on another branch was forked upstream
    /// and merged here: 482 Loop Detected, and only the first copy becomes a call.
    /// </summary>
    [Fact]
    public void Merged_INVITE_on_another_branch_gets_482_and_makes_no_second_call()
    {
        var h = new UasHarness(handler: new RingingCallHandler());
        Assert.Equal(180, h.InviteWithAuth("c1").StatusCode);
        string copy = h.Request("INVITE", "c1", "z9hG4bK-c1-via-other-path", body: UasHarness.Offer(), cseq: h.Transport.Sent[^1].CSeqNumber);

        h.Send(copy);

        Assert.Equal(482, h.Last().StatusCode);
        Assert.Single(h.Events.Started);
        Assert.Equal(1, h.Uas.ActiveCalls);
    }

    /// <summary>RFC 3261 §9.2: a CANCEL matching no INVITE transaction gets 481.</summary>
    [Fact]
    public void Cancel_without_invite_gets_481()
    {
        var h = new UasHarness();
        h.Send(h.Request("CANCEL", "nope", "z9hG4bK-none", cseq: 1));

        Assert.Equal(481, h.Last().StatusCode);
    }

    /// <summary>RFC 3264 §8.4: a re-INVITE with sendonly puts us on recvonly (hold); sendrecv takes it back; the codec stays.</summary>
    [Fact]
    public async Task Reinvite_holds_and_unholds_keeping_the_codec()
    {
        var handler = new SignalCollectingHandler();
        var h = new UasHarness(handler: handler);
        string toTag = Establish(h);
        await handler.Answered;

        h.Send(h.Request("INVITE", "c1", "z9hG4bK-re1", toTag: toTag, body: UasHarness.Offer("8 0", direction: "sendonly")));
        LoopSipMessage held = h.Last();
        Assert.Equal(200, held.StatusCode);
        Assert.Contains("a=recvonly", held.Body, StringComparison.Ordinal);
        Assert.Contains("m=audio 20000 RTP/AVP 0", held.Body, StringComparison.Ordinal);
        var hold = (MediaUpdatedSignal)await handler.WaitForSignalAsync(s => s is MediaUpdatedSignal { Audio.IsRemoteHold: true });
        Assert.Equal("PCMU", hold.Audio.Codec.Name);
        h.Send(h.Request("ACK", "c1", "z9hG4bK-re1ack", toTag: toTag, cseq: held.CSeqNumber));

        h.Send(h.Request("INVITE", "c1", "z9hG4bK-re2", toTag: toTag, body: UasHarness.Offer()));
        Assert.Contains("a=sendrecv", h.Last().Body, StringComparison.Ordinal);
        await handler.WaitForSignalAsync(s => s is MediaUpdatedSignal { Audio.IsRemoteHold: false });
    }

    /// <summary>RFC 3261 §14.2: a re-offer we cannot accept gets 488 and leaves the session as it was.</summary>
    [Fact]
    public void Unacceptable_reinvite_gets_488_and_keeps_the_call()
    {
        var h = new UasHarness();
        string toTag = Establish(h);
        h.Send(h.Request("INVITE", "c1", "z9hG4bK-re", toTag: toTag, body: UasHarness.Offer("18")
            .Replace("a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n", "a=rtpmap:18 G729/8000\r\n", StringComparison.Ordinal)));

        Assert.Equal(488, h.Last().StatusCode);
        Assert.Equal(1, h.Uas.ActiveCalls);
    }

    /// <summary>RFC 3311 §5.2: UPDATE without a body refreshes the session; without an offer its 200 carries no answer.</summary>
    [Fact]
    public void Update_without_offer_refreshes_the_session()
    {
        var h = new UasHarness();
        string toTag = Establish(h);
        h.Send(h.Request("UPDATE", "c1", "z9hG4bK-up", toTag: toTag));

        Assert.Equal(200, h.Last().StatusCode);
        Assert.Equal(string.Empty, h.Last().Body);
        Assert.Equal(1, h.Uas.ActiveCalls);
    }

    [Theory]
    [InlineData("application/dtmf-relay", "Signal=5\r\nDuration=250\r\n", '5', 250)]
    [InlineData("application/dtmf", "9", '9', 160)]
    public async Task Info_dtmf_surfaces_a_dtmf_signal(string contentType, string body, char digit, int durationMs)
    {
        var handler = new SignalCollectingHandler();
        var h = new UasHarness(handler: handler);
        string toTag = Establish(h);
        h.Send(h.Request("INFO", "c1", "z9hG4bK-info", toTag: toTag, body: body, contentType: contentType));

        Assert.Equal(200, h.Last().StatusCode);
        var dtmf = (DtmfSignal)await handler.WaitForSignalAsync(s => s is DtmfSignal);
        Assert.Equal(digit, dtmf.Digit);
        Assert.Equal(durationMs, dtmf.DurationMs);
    }

    /// <summary>RFC 3261 §11.2: OPTIONS, in or out of a dialog, gets 200 with Allow, Accept and Supported.</summary>
    [Fact]
    public void Options_in_and_out_of_dialog_report_capabilities()
    {
        var h = new UasHarness();
        h.Send(h.Request("OPTIONS", "o1", "z9hG4bK-o1", cseq: 1));
        LoopSipMessage outside = h.Last();
        string toTag = Establish(h);
        h.Send(h.Request("OPTIONS", "c1", "z9hG4bK-o2", toTag: toTag));
        LoopSipMessage inside = h.Last();

        foreach (LoopSipMessage response in new[] { outside, inside })
        {
            Assert.Equal(200, response.StatusCode);
            Assert.Equal(SipUserAgentServer.AllowedMethods, response.Header("Allow"));
            Assert.Equal(SipUserAgentServer.AcceptedTypes, response.Header("Accept"));
            Assert.NotNull(response.Header("Supported"));
        }
    }

    /// <summary>RFC 3261 §12.2.2: a request naming an unknown dialog gets 481.</summary>
    [Fact]
    public void Bye_for_unknown_dialog_gets_481()
    {
        var h = new UasHarness();
        h.Send(h.Request("BYE", "ghost", "z9hG4bK-b", toTag: "nobody"));

        Assert.Equal(481, h.Last().StatusCode);
    }

    /// <summary>RFC 3261 §12.2.2: a CSeq lower than the last one in the dialog gets 500.</summary>
    [Fact]
    public void Lower_cseq_in_dialog_gets_500()
    {
        var h = new UasHarness();
        string toTag = Establish(h);
        h.Send(h.Request("INFO", "c1", "z9hG4bK-i1", toTag: toTag, cseq: 10));
        h.Send(h.Request("INFO", "c1", "z9hG4bK-i2", toTag: toTag, cseq: 9));

        Assert.Equal(500, h.Last().StatusCode);
    }

    /// <summary>RFC 3261 §21.5.4: beyond the per-source transaction cap, requests get 503 with Retry-After.</summary>
    [Fact]
    public void Overload_gets_503_with_retry_after()
    {
        var h = new UasHarness(new SipOptions { MaxTransactionsPerSource = 1, RetryAfterSeconds = 7 });
        h.Send(h.Request("OPTIONS", "o1", "z9hG4bK-o1", cseq: 1));
        h.Send(h.Request("INVITE", "c1", "z9hG4bK-i1", body: UasHarness.Offer()));

        Assert.Equal(503, h.Last().StatusCode);
        Assert.Equal("7", h.Last().Header("Retry-After"));
        Assert.Equal(1, h.Metrics.Overloaded);
    }

    [Fact]
    public void Malformed_request_gets_400_with_the_validator_reason()
    {
        var h = new UasHarness();
        string invite = h.Request("INVITE", "c1", "z9hG4bK-1", body: UasHarness.Offer()).Replace("CSeq: 1 INVITE", "CSeq: x INVITE", StringComparison.Ordinal);
        h.Send(invite);

        Assert.Equal(400, h.Last().StatusCode);
        Assert.Equal(1, h.Metrics.Rejected);
    }

    [Fact]
    public void Garbage_is_dropped_and_counted()
    {
        var h = new UasHarness();
        h.Transport.Inject(Encoding.ASCII.GetBytes("\u0001\u0002 not sip at all"), h.Caller);
        h.Send("\r\n\r\n");

        Assert.Empty(h.Transport.Sent);
        Assert.Equal(1, h.Metrics.Dropped);
    }

    /// <summary>RFC 3581 §4: a request with an empty rport is answered to the source address and port, stamped in Via.</summary>
    [Fact]
    public void Responses_go_to_the_source_with_received_and_rport()
    {
        var h = new UasHarness();
        h.Transport.Inject(h.Request("OPTIONS", "o1", "z9hG4bK-o1", cseq: 1), new System.Net.IPEndPoint(System.Net.IPAddress.Parse("203.0.113.9"), 40123));

        Assert.Equal("203.0.113.9:40123", h.Last().Peer.EndPoint.ToString());
        Assert.Contains("received=203.0.113.9", h.Last().Header("Via"), StringComparison.Ordinal);
        Assert.Contains("rport=40123", h.Last().Header("Via"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drain_refuses_new_invites_and_hangs_up_live_calls_with_system_shutdown()
    {
        var h = new UasHarness();
        Establish(h);
        Task drain = h.Uas.DrainAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        h.Send(h.Request("INVITE", "c2", "z9hG4bK-new", body: UasHarness.Offer()));
        Assert.Equal(503, h.Last().StatusCode);

        h.Time.Advance(TimeSpan.FromSeconds(2));
        await drain.WaitAsync(s_wait);
        Assert.StartsWith("BYE", h.Last().StartLine, StringComparison.Ordinal);
        CallEndedEvent ended = await h.Events.WaitForEndedAsync("call-1", s_wait);
        Assert.Equal(DisconnectReasons.SystemShutdown, ended.DisconnectReason);
        Assert.Equal(CallOutcome.Dropped, ended.Outcome);
    }

    private static string Establish(UasHarness h)
    {
        LoopSipMessage ok = h.InviteWithAuth("c1");
        Assert.Equal(200, ok.StatusCode);
        string toTag = UasHarness.ToTag(ok);
        h.Send(h.Request("ACK", "c1", "z9hG4bK-ack", toTag: toTag, cseq: ok.CSeqNumber));
        return toTag;
    }
}
