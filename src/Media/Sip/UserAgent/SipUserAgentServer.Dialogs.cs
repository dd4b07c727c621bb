using System.Globalization;
using Telepath.Media.Edge;
using Telepath.Media.Sdp;
using Telepath.Media.Sip.Dialogs;
using Telepath.Media.Sip.Message;
using Telepath.Media.Sip.Parsing;
using Telepath.Media.Sip.Transactions;
using Telepath.Media.Sip.Transport;

namespace Telepath.Media.Sip.UserAgent;

/// <summary>The INVITE session as a usage of its dialog: answer, reject, hang up, and in-dialog requests.</summary>
internal sealed partial class SipUserAgentServer
{
    /// <summary>Sends 180 Ringing for an offered call.</summary>
    internal void Ring(IncomingCall call)
    {
        lock (_context.Gate)
        {
            if (call.State == IncomingCallState.Offered && call.RequiresReliableProvisional)
            {
                SendReliableRinging(call);
            }
            else if (call.State == IncomingCallState.Offered)
            {
                Respond(call, call.InviteTransaction, SipStatusCodes.Ringing, null);
            }
        }
    }

    /// <summary>Sends the 200 OK with our SDP answer (or offer) and establishes the dialog (RFC 3261 §13.3.1.4, §12.1.1).</summary>
    internal bool Answer(IncomingCall call)
    {
        CallAnsweredEvent answered;
        lock (_context.Gate)
        {
            if (call.State != IncomingCallState.Offered || call.LocalDescription is null || call.Audio is null)
            {
                return false;
            }

            ServerInviteTransaction invite = call.InviteTransaction;
            SipResponse ok = SipResponseBuilder.Create(invite.Request, SipStatusCodes.Ok, null, call.LocalTag);
            ok.Headers.Add(SipHeaderNames.Contact, ContactFor(invite.Source));
            WithCapabilities(ok);
            ok.SetBody(SessionBody.SdpType, SdpWriter.WriteUtf8(call.LocalDescription));
            StartSessionTimer(call, call.SessionTimer, ok);
            var dialog = new Dialog(invite.Request, call.LocalTag, invite.Source);
            call.Dialog = dialog;
            _dialogs[dialog.Id] = call;
            call.State = IncomingCallState.Answered;
            call.AwaitingAck = invite;
            invite.AckTimedOut = _ => OnAckTimedOut(call);
            Send(call, invite, ok);
            StopReliableProvisional(call);
            call.SetupMs = _timeProvider.GetElapsedTime(call.ReceivedTimestamp).TotalMilliseconds;
            answered = new CallAnsweredEvent(call.CallId!, _timeProvider.GetUtcNow(), call.Audio.Codec.Name, call.SetupMs.Value);
            if (call.PendingOffer is not null)
            {
                // Our 200 carries the offer: the codec is known when the ACK brings the answer (OnAnswerInAck).
                call.DeferredAnswered = answered;
                return true;
            }
        }

        _ = ReportAnsweredAsync(answered);
        return true;
    }

    /// <summary>Refuses an offered call with a final status.</summary>
    internal void Reject(IncomingCall call, int statusCode, string reason)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 300);
        FinalResponse(call, statusCode, CallOutcome.Failed, reason);
    }

    /// <summary>Ends the call from our side: BYE if answered, else 480 (503 on shutdown) to the INVITE.</summary>
    internal void HangUp(IncomingCall call, string reason)
    {
        lock (_context.Gate)
        {
            if (call.State == IncomingCallState.Answered)
            {
                SendBye(call, reason);
                bool abnormal = reason is DisconnectReasons.SystemShutdown or DisconnectReasons.NetworkError
                    or DisconnectReasons.MediaTimeout or DisconnectReasons.AgentError;
                EndCall(call, abnormal ? CallOutcome.Dropped : CallOutcome.Completed, reason);
                return;
            }
        }

        int status = reason == DisconnectReasons.SystemShutdown ? SipStatusCodes.ServiceUnavailable : TemporarilyUnavailable;
        FinalResponse(call, status, CallOutcome.Failed, reason);
    }

    private void OnAckTimedOut(IncomingCall call)
    {
        // RFC 3261 §13.3.1.4: no ACK within 64·T1 — the UAS should end the dialog with a BYE. Under the gate.
        if (call.State == IncomingCallState.Answered)
        {
            HangUp(call, DisconnectReasons.NetworkError);
        }
    }

    private void OnInDialogRequest(SipRequest request, TransactionKey key, SipSource source, string toTag, SessionTimerDecision timer)
    {
        ServerTransaction transaction = AddServerTransaction(request, key, source);
        var id = DialogId.Of(request, toTag);
        if (!_dialogs.TryGetValue(id, out IncomingCall? call) && request.Method == SipMethod.Prack && _earlyDialogs.TryGetValue(id, out IncomingCall? early))
        {
            // RFC 3262 §3: the PRACK arrives in the early dialog our reliable 180 created.
            TraceReceived(early, request, source);
            OnPrack(early, transaction);
            return;
        }

        if (call is null)
        {
            // RFC 3261 §12.2.2: no such dialog.
            Respond(null, transaction, SipStatusCodes.CallOrTransactionDoesNotExist, null, toTag);
            return;
        }

        Dialog dialog = call.Dialog!;
        TraceReceived(call, request, source);
        if (!dialog.TryAcceptRemoteCSeq(request))
        {
            // RFC 3261 §12.2.2: a lower CSeq than the last one is out of order.
            Respond(call, transaction, SipStatusCodes.ServerInternalError, "CSeq Out Of Order");
            return;
        }

        switch (request.Method.Kind)
        {
            case SipMethodKind.Bye:
                Respond(call, transaction, SipStatusCodes.Ok, null);
                EndCall(call, CallOutcome.Completed, DisconnectReasons.CallerHangup);
                break;
            case SipMethodKind.Invite:
            case SipMethodKind.Update:
                OnSessionModification(call, dialog, transaction, source, timer);
                break;
            case SipMethodKind.Info:
                OnInfo(call, transaction);
                break;
            case SipMethodKind.Prack:
                OnPrack(call, transaction);
                break;
            case SipMethodKind.Options:
                Send(call, transaction, WithCapabilities(SipResponseBuilder.Create(request, SipStatusCodes.Ok, null, call.LocalTag)));
                break;
            default:
                SipResponse refused = SipResponseBuilder.Create(request, request.Method.Kind == SipMethodKind.Extension ? SipStatusCodes.NotImplemented : SipStatusCodes.MethodNotAllowed, null, call.LocalTag);
                refused.Headers.Add(SipHeaderNames.Allow, AllowedMethods);
                Send(call, transaction, refused);
                break;
        }
    }

    private void OnSessionModification(IncomingCall call, Dialog dialog, ServerTransaction transaction, SipSource source, SessionTimerDecision timer)
    {
        SipRequest request = transaction.Request;
        if (RefuseWhileOfferPending(call, transaction))
        {
            return;
        }

        dialog.RefreshTarget(request, source);
        SessionDescription? answer = null;
        if (SessionBody.TryGetSdp(request, out ReadOnlyMemory<byte> sdp))
        {
            SdpParseResult offer = SdpParser.Parse(sdp.Span);
            SdpNegotiationResult result = offer.IsSuccess
                ? _negotiator.Answer(offer.Description, new LocalMediaEndpoint(call.MediaAddress!, call.RtpPorts!.Value.Rtp), call.LocalDescription, call.Audio?.Codec.Name)
                : default!;
            if (!offer.IsSuccess || !result.IsSuccess)
            {
                // RFC 3261 §14.2: a re-offer we cannot accept leaves the session unchanged.
                Respond(call, transaction, SipStatusCodes.NotAcceptableHere, null);
                return;
            }

            answer = result.Answer;
            call.LocalDescription = answer;
            call.Audio = result.Audio;
            call.Post(new MediaUpdatedSignal(result.Audio));
        }
        else if (transaction is ServerInviteTransaction offerless)
        {
            // RFC 3261 §14.2: a re-INVITE without an offer gets ours in the 2xx; the answer comes in the ACK.
            answer = OfferInReinvite(call, offerless);
        }

        // RFC 3311 §5.2: an UPDATE without an offer is a pure refresh; its 2xx carries no SDP.
        SipResponse ok = SipResponseBuilder.Create(request, SipStatusCodes.Ok, null, call.LocalTag);
        ok.Headers.Add(SipHeaderNames.Contact, ContactFor(source));
        if (answer is not null)
        {
            ok.SetBody(SessionBody.SdpType, SdpWriter.WriteUtf8(answer));
        }

        // RFC 4028 §9: every accepted re-INVITE or UPDATE is a refresh and renegotiates the timer.
        StartSessionTimer(call, timer, ok);
        if (transaction is ServerInviteTransaction reInvite)
        {
            call.AwaitingAck = reInvite;
            reInvite.AckTimedOut = _ => OnAckTimedOut(call);
        }

        Send(call, transaction, ok);
    }

    private void OnInfo(IncomingCall call, ServerTransaction transaction)
    {
        SipRequest request = transaction.Request;
        if (DtmfRelay.TryParse(request.ContentType, request.Body.Span, out char digit, out int duration))
        {
            call.Post(new DtmfSignal(digit, duration));
        }

        Respond(call, transaction, SipStatusCodes.Ok, null);
    }

    private void SendBye(IncomingCall call, string reason) =>
        SendInDialogRequest(call, SipMethod.Bye, request => request.Headers.Add(SipHeaderNames.Reason, ByeReason.For(reason)));

    /// <summary>Sends a request of ours inside the call's dialog (RFC 3261 §12.2.1.1) and returns its transaction. Under the gate.</summary>
    private ClientNonInviteTransaction SendInDialogRequest(IncomingCall call, SipMethod method, Action<SipRequest>? addHeaders)
    {
        Dialog dialog = call.Dialog!;
        SipSource peer = dialog.Peer;
        SipUri target = dialog.RemoteTarget ?? SipUri.Sip(null, peer.Peer.EndPoint.Address.ToString(), peer.Peer.EndPoint.Port);
        var request = new SipRequest(method, target);
        string branch = SipIdentifiers.NewBranch();
        string transport = peer.Peer.Protocol == SipTransportProtocol.Tcp ? "TCP" : "UDP";
        request.Headers.Add(SipHeaderNames.Via, ViaHeader.Create(transport, _advertisedAddress.ToString(), peer.Transport.LocalEndPoint.Port, branch).WithParameter("rport", null).ToString());
        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        request.Headers.Add(SipHeaderNames.From, dialog.LocalAddress);
        request.Headers.Add(SipHeaderNames.To, dialog.RemoteAddress);
        request.Headers.Add(SipHeaderNames.CallId, dialog.Id.CallId);
        request.Headers.Add(SipHeaderNames.CSeq, string.Create(CultureInfo.InvariantCulture, $"{dialog.LocalCSeq++} {method.Name}"));
        foreach (string route in dialog.RouteSet)
        {
            request.Headers.Add(SipHeaderNames.Route, route);
        }

        request.Headers.Add(SipHeaderNames.UserAgent, _options.ServerName);
        addHeaders?.Invoke(request);
        byte[] bytes = SipWriter.ToBytes(request);

        // A trunk gateway answers symmetrically: in-dialog requests go back where the peer's requests came from,
        // which also crosses the NATs in front of carriers.
        var transaction = new ClientNonInviteTransaction(_context, TransactionKey.ForClient(branch, method), bytes, peer);
        _table.Add(transaction);
        call.Trace.Add(_timeProvider.GetUtcNow(), true, peer.Peer.EndPoint.ToString(), bytes);
        transaction.Start();
        return transaction;
    }

    private async Task ReportAnsweredAsync(CallAnsweredEvent answered)
    {
        try
        {
            await _events.CallAnsweredAsync(answered, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Reporting is best effort; the call goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReportFailed(_logger, answered.CallId, ex);
        }
    }
}
