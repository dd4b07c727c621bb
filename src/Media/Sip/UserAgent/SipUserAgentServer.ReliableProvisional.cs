using System.Globalization;
using System.Security.Cryptography;
using Telepath.Media.Edge;
using Telepath.Media.Sip.Dialogs;
using Telepath.Media.Sip.Message;
using Telepath.Media.Sip.Transactions;
using Telepath.Media.Sip.Transport;

namespace Telepath.Media.Sip.UserAgent;

/// <summary>
/// Reliable provisional responses (RFC 3262) for callers that require <c>100rel</c>, as IMS-style networks do: the
/// 180 carries RSeq and is resent from T1, doubling, until its PRACK arrives; without a PRACK for 64·T1 the INVITE
/// is refused. Our 180 has no SDP, so the 200 may go out before the PRACK (RFC 3262 §3).
/// </summary>
internal sealed partial class SipUserAgentServer
{
    private static readonly Action<object?> s_onReliableTimer = static s => ((IncomingCall)s!).Owner.OnReliableProvisionalTimer((IncomingCall)s!);

    private readonly Dictionary<DialogId, IncomingCall> _earlyDialogs = [];

    /// <summary>Sends 180 Ringing reliably (Require: 100rel, RSeq) and starts its retransmissions. Under the gate.</summary>
    private void SendReliableRinging(IncomingCall call)
    {
        ServerInviteTransaction invite = call.InviteTransaction;

        // RFC 3262 §3: the first RSeq is chosen uniformly between 1 and 2^31 - 1.
        uint rseq = (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue);
        SipResponse ringing = SipResponseBuilder.Create(invite.Request, SipStatusCodes.Ringing, null, call.LocalTag);
        ringing.Headers.Add(SipHeaderNames.Require, SipOptionTags.ReliableProvisional);
        ringing.Headers.Add(SipHeaderNames.RSeq, rseq.ToString(CultureInfo.InvariantCulture));

        // The 180 creates an early dialog whose PRACK needs our Contact (RFC 3261 §12.1.1).
        ringing.Headers.Add(SipHeaderNames.Contact, ContactFor(invite.Source));
        ReadOnlyMemory<byte> bytes = Send(call, invite, ringing);
        var pending = new ReliableProvisional(rseq, bytes, invite.Request.CSeq?.Number ?? 0, _context.Timers.T1, _timeProvider.GetTimestamp());
        call.ReliableProvisional = pending;
        _earlyDialogs[EarlyDialogId(call)] = call;
        ScheduleReliableTimer(call, pending);
    }

    private void ScheduleReliableTimer(IncomingCall call, ReliableProvisional pending)
    {
        // On UDP the 180 is resent at T1, 2·T1, 4·T1, …; on TCP only the 64·T1 give-up runs.
        TimeSpan left = _context.Timers.TransactionTimeout - _timeProvider.GetElapsedTime(pending.SentTimestamp);
        bool unreliable = call.InviteTransaction.Destination.Peer.Protocol == SipTransportProtocol.Udp;
        TimeSpan due = unreliable && pending.Interval < left ? pending.Interval : left;
        pending.Timer = _context.Wheel.Schedule(due > TimeSpan.Zero ? due : TimeSpan.Zero, s_onReliableTimer, call);
    }

    private void OnReliableProvisionalTimer(IncomingCall call)
    {
        lock (_context.Gate)
        {
            if (call.ReliableProvisional is not { Timer.IsAllocated: true } pending || call.State != IncomingCallState.Offered)
            {
                return;
            }

            pending.Timer = default;
            if (_timeProvider.GetElapsedTime(pending.SentTimestamp) >= _context.Timers.TransactionTimeout)
            {
                // RFC 3262 §3: no PRACK for 64·T1 — the UAS should reject the INVITE with a 5xx.
                StopReliableProvisional(call);
                FinalResponse(call, SipStatusCodes.ServerInternalError, CallOutcome.Failed, DisconnectReasons.NetworkError, "399 " + _options.Domain + " \"No PRACK for the reliable 180\"");
                return;
            }

            _context.Transport.Send(call.InviteTransaction.Destination, pending.Bytes);
            pending.Interval += pending.Interval;
            ScheduleReliableTimer(call, pending);
        }
    }

    /// <summary>
    /// Answers a PRACK (RFC 3262 §4): 200 when its RAck names our reliable provisional response (also a late PRACK
    /// after the 200 OK), 481 otherwise. Under the gate.
    /// </summary>
    private void OnPrack(IncomingCall call, ServerTransaction transaction)
    {
        if (call.ReliableProvisional is { } pending
            && RAckHeader.TryParse(transaction.Request.Headers.Get(SipHeaderNames.RAck), out RAckHeader rack)
            && rack.RSeq == pending.RSeq && rack.CSeq == pending.InviteCSeq && rack.Method == SipMethod.Invite)
        {
            StopReliableProvisional(call);
            Respond(call, transaction, SipStatusCodes.Ok, null);
            return;
        }

        Respond(call, transaction, SipStatusCodes.CallOrTransactionDoesNotExist, null);
    }

    /// <summary>Stops retransmitting our reliable provisional response (PRACK, final response, or end). Under the gate.</summary>
    private void StopReliableProvisional(IncomingCall call)
    {
        if (call.ReliableProvisional is not { } pending)
        {
            return;
        }

        _context.Wheel.Cancel(pending.Timer);
        pending.Timer = default;
        _earlyDialogs.Remove(EarlyDialogId(call));
    }

    /// <summary>The early dialog a reliable 180 creates: the INVITE's Call-ID and From tag with our To tag.</summary>
    private static DialogId EarlyDialogId(IncomingCall call) => DialogId.Of(call.InviteTransaction.Request, call.LocalTag);
}
