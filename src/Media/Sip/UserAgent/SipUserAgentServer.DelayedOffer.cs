using Microsoft.Extensions.Logging;
using Telepath.Media.Edge;
using Telepath.Media.Rtp;
using Telepath.Media.Sdp;
using Telepath.Media.Sip.Message;
using Telepath.Media.Sip.Transactions;

namespace Telepath.Media.Sip.UserAgent;

/// <summary>
/// Delayed offer: an INVITE or re-INVITE without SDP gets our offer in its 2xx, and the answer comes in the ACK
/// (RFC 3261 §13.3.1.1, §14.2; RFC 3264 §5, §7). Cisco CUBE and many SBCs and PBXs call this way by default.
/// </summary>
internal sealed partial class SipUserAgentServer
{
    /// <summary>
    /// Prepares the initial offer for an INVITE without SDP. The handler gets provisional audio (our first codec, no
    /// remote address yet, so symmetric RTP latches on the first packet); the answer in the ACK then updates it.
    /// </summary>
    private bool NegotiateDelayedOffer(IncomingCall call)
    {
        if (!TryLeasePorts(call, out RtpPortPair ports))
        {
            return false;
        }

        SessionDescription offer = _negotiator.Offer(new LocalMediaEndpoint(_advertisedAddress, ports.Rtp), null);
        return MarkOffered(call, ports, _negotiator.ProvisionalAudio(offer), offer, offerInOk: true);
    }

    /// <summary>
    /// RFC 3261 §14.2: a re-INVITE without an offer gets an offer in its 2xx. Ours lists the codec in force first so an
    /// answerer that just confirms the session does not switch codecs. Under the gate.
    /// </summary>
    private SessionDescription OfferInReinvite(IncomingCall call, ServerInviteTransaction reInvite)
    {
        SessionDescription offer = _negotiator.Offer(
            new LocalMediaEndpoint(call.MediaAddress!, call.RtpPorts!.Value.Rtp), call.LocalDescription, call.Audio);

        // Our last SDP either way: the next one must keep its origin and move its version (RFC 3264 §8).
        call.LocalDescription = offer;
        call.PendingOffer = new OutstandingOffer(offer, reInvite);
        return offer;
    }

    /// <summary>
    /// RFC 3311 §5.2 (and RFC 3264 §4 for re-INVITE): while our offer awaits its answer, a request that carries a new
    /// offer, or a re-INVITE that asks for one, gets <c>491 Request Pending</c>. Under the gate.
    /// </summary>
    private bool RefuseWhileOfferPending(IncomingCall call, ServerTransaction transaction)
    {
        if (call.PendingOffer is null || (transaction.Request.Body.IsEmpty && transaction is not ServerInviteTransaction))
        {
            return false;
        }

        LogOfferPending(_logger, call.CallId!, transaction.Request.Method.Name);
        Respond(call, transaction, SipStatusCodes.RequestPending, null);
        return true;
    }

    /// <summary>
    /// Reads the answer in the ACK of a 2xx that carried our offer and applies it like a re-INVITE's media change. An
    /// initial offer left unanswered cannot become a session (RFC 3261 §13.3.1.4, RFC 3264 §7): BYE and
    /// <c>codec_mismatch</c>. A re-offer left unanswered keeps the session as it was. Under the gate.
    /// </summary>
    private void OnAnswerInAck(IncomingCall call, SipRequest ack)
    {
        if (call.PendingOffer is not { } pending || ack.CSeq?.Number != pending.Invite.Request.CSeq?.Number)
        {
            return;
        }

        call.PendingOffer = null;
        bool initial = ReferenceEquals(pending.Invite, call.InviteTransaction);
        SdpAnswerResult? result = null;
        string reason = "no SDP answer in the ACK";
        if (SessionBody.TryGetSdp(ack, out ReadOnlyMemory<byte> sdp))
        {
            SdpParseResult parsed = SdpParser.Parse(sdp.Span);
            result = parsed.IsSuccess ? _negotiator.AcceptAnswer(pending.Offer, parsed.Description) : null;
            reason = result?.Reason ?? "unreadable SDP answer: " + parsed.Reason;
        }

        CallAnsweredEvent? answered = initial ? call.DeferredAnswered : null;
        call.DeferredAnswered = null;
        if (result is { IsSuccess: true })
        {
            call.Audio = result.Audio;
            call.Post(new MediaUpdatedSignal(result.Audio));
            LogAnswerInAck(_logger, call.CallId!, result.Audio.Codec.Name);
            if (answered is not null)
            {
                _ = ReportAnsweredAsync(answered with { Codec = result.Audio.Codec.Name });
            }

            return;
        }

        if (!initial)
        {
            // Mid-call leniency: the session described by the last completed exchange stays in force.
            LogReofferUnanswered(_logger, call.CallId!, reason);
            return;
        }

        LogOfferUnanswered(_logger, call.CallId!, reason);
        if (call.State == IncomingCallState.Answered)
        {
            SendBye(call, DisconnectReasons.CodecMismatch);
            EndCall(call, CallOutcome.Failed, DisconnectReasons.CodecMismatch);
        }
    }

    [LoggerMessage(EventId = 1150, Level = LogLevel.Debug, Message = "Call {CallId}: the ACK answered our offer with {Codec}")]
    private static partial void LogAnswerInAck(ILogger logger, string callId, string codec);

    [LoggerMessage(EventId = 1151, Level = LogLevel.Warning, Message = "Call {CallId}: our offer in the 200 got no usable answer ({Reason}); hanging up")]
    private static partial void LogOfferUnanswered(ILogger logger, string callId, string reason);

    [LoggerMessage(EventId = 1152, Level = LogLevel.Warning, Message = "Call {CallId}: our re-offer got no usable answer ({Reason}); the session stays as it was")]
    private static partial void LogReofferUnanswered(ILogger logger, string callId, string reason);

    [LoggerMessage(EventId = 1153, Level = LogLevel.Information, Message = "Call {CallId}: {Method} refused with 491, our offer still awaits its answer")]
    private static partial void LogOfferPending(ILogger logger, string callId, string method);
}
