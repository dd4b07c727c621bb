using System.Globalization;
using Telepath.Media.Edge;
using Telepath.Media.Sip.Message;
using Telepath.Media.Sip.Parsing;
using Telepath.Media.Sip.Transactions;
using Telepath.Media.Sip.Transport;
using Telepath.Media.Timing;

namespace Telepath.Media.Sip.UserAgent;

/// <summary>
/// Session timers (RFC 4028) and the Require check (RFC 3261 §8.2.2.3). A carrier's SBC uses session timers to find
/// dialogs whose far end lost its state; we honour its interval and refresher, refresh with UPDATE when we are the
/// refresher, and end a dialog nobody refreshed with a BYE.
/// </summary>
internal sealed partial class SipUserAgentServer
{
    private const int RefreshRetrySeconds = 10;

    private static readonly Action<object?> s_onSessionTimer = static s => ((IncomingCall)s!).Owner.OnSessionTimer((IncomingCall)s!);

    /// <summary>
    /// Refuses (statefully, so retransmissions and the ACK are absorbed) a request that requires an extension we do
    /// not implement (420 with Unsupported, RFC 3261 §8.2.2.3), or an INVITE/UPDATE whose session timer we cannot take
    /// (422 with our Min-SE, RFC 4028 §6; 400 for an unreadable Session-Expires). Under the gate. True when refused.
    /// </summary>
    private bool TryRefuseExtensions(SipRequest request, TransactionKey key, SipSource source, out SessionTimerDecision timer)
    {
        timer = SessionTimerDecision.None;
        string toTag = request.To?.Tag ?? SipIdentifiers.NewTag();
        SipResponse? refusal = null;
        if (SipOptionTags.FindUnsupported(request) is List<string> unsupported)
        {
            refusal = SipResponseBuilder.Create(request, SipStatusCodes.BadExtension, null, toTag);
            refusal.Headers.Add(SipHeaderNames.Unsupported, string.Join(", ", unsupported));
        }
        else if (request.Method == SipMethod.Invite || request.Method == SipMethod.Update)
        {
            timer = _sessionTimers.Decide(request);
            if (timer.Kind == SessionTimerDecisionKind.TooSmall)
            {
                refusal = SipResponseBuilder.Create(request, SipStatusCodes.SessionIntervalTooSmall, null, toTag);
                refusal.Headers.Add(SipHeaderNames.MinSE, timer.Seconds.ToString(CultureInfo.InvariantCulture));
            }
            else if (timer.Kind == SessionTimerDecisionKind.Malformed)
            {
                refusal = SipResponseBuilder.Create(request, SipStatusCodes.BadRequest, "Invalid Session-Expires or Min-SE", toTag);
            }
        }

        if (refusal is null)
        {
            return false;
        }

        // Inside a dialog the refusal belongs to the call's trace, like every other in-dialog exchange.
        IncomingCall? call = null;
        if (request.To?.Tag is not null && _dialogs.TryGetValue(Dialogs.DialogId.Of(request, toTag), out call))
        {
            TraceReceived(call, request, source);
        }

        Send(call, AddServerTransaction(request, key, source), refusal);
        return true;
    }

    /// <summary>
    /// Puts the negotiated session timer on a 2xx to INVITE, re-INVITE or UPDATE and (re)starts it (RFC 4028 §9).
    /// Under the gate, before the response is sent.
    /// </summary>
    private void StartSessionTimer(IncomingCall call, SessionTimerDecision timer, SipResponse ok)
    {
        StopSessionTimer(call);
        call.SessionTimer = timer;
        call.SessionRefreshedTimestamp = _timeProvider.GetTimestamp();
        if (timer.Kind != SessionTimerDecisionKind.Use)
        {
            return;
        }

        ok.Headers.Add(SipHeaderNames.SessionExpires, timer.Header.ToString());
        if (!ok.Headers.Contains(SipHeaderNames.Supported))
        {
            // A refresh's 2xx says we support timers just as the first one did.
            ok.Headers.Add(SipHeaderNames.Supported, SipOptionTags.Supported);
        }

        if (timer.Refresher == SessionRefresher.Uac)
        {
            // §9: a UAS that makes the caller refresh must say the caller is required to.
            ok.Headers.Add(SipHeaderNames.Require, SipOptionTags.Timer);
        }

        ScheduleSessionTimer(call);
    }

    /// <summary>Cancels the pending refresh or expiry check (a new 2xx restarts it; the end of the call stops it).</summary>
    private void StopSessionTimer(IncomingCall call)
    {
        _context.Wheel.Cancel(call.SessionTimerHandle);
        call.SessionTimerHandle = default;
    }

    private void ScheduleSessionTimer(IncomingCall call)
    {
        SessionTimerDecision timer = call.SessionTimer;
        TimeSpan due = timer.Refresher == SessionRefresher.Uas ? timer.RefreshAfter : timer.ExpiryAfterRefresh;
        call.SessionTimerHandle = _context.Wheel.Schedule(due, s_onSessionTimer, call);
    }

    private void OnSessionTimer(IncomingCall call)
    {
        lock (_context.Gate)
        {
            call.SessionTimerHandle = default;
            if (call.State != IncomingCallState.Answered || call.SessionTimer.Kind != SessionTimerDecisionKind.Use)
            {
                return;
            }

            if (call.SessionTimer.Refresher == SessionRefresher.Uas)
            {
                SendSessionRefresh(call);
                return;
            }

            // §10: the caller was to refresh and did not: the dialog is presumed dead.
            LogSessionExpired(_logger, call.CallId!, call.SessionTimer.Seconds);
            HangUp(call, DisconnectReasons.NetworkError);
        }
    }

    /// <summary>Our refresh as the refresher: an UPDATE without a body (RFC 4028 §10, RFC 3311). Under the gate.</summary>
    private void SendSessionRefresh(IncomingCall call)
    {
        SessionTimerDecision timer = call.SessionTimer;
        ClientNonInviteTransaction update = SendInDialogRequest(call, SipMethod.Update, request =>
        {
            request.Headers.Add(SipHeaderNames.SessionExpires, timer.Header.ToString());
            request.Headers.Add(SipHeaderNames.MinSE, _sessionTimers.MinimumSeconds.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(SipHeaderNames.Supported, SipOptionTags.Supported);

            // RFC 3311 §5.1: UPDATE is a target refresh request and carries our Contact.
            request.Headers.Add(SipHeaderNames.Contact, ContactFor(call.Dialog!.Peer));
        });
        update.Completed = (_, response) => OnSessionRefreshCompleted(call, response);
    }

    private void OnSessionRefreshCompleted(IncomingCall call, SipResponse? response)
    {
        if (call.State != IncomingCallState.Answered)
        {
            return;
        }

        int status = response?.StatusCode ?? SipStatusCodes.RequestTimeout;
        if (status is >= 200 and < 300)
        {
            // §7.2 applied to our refresh: the answer may shorten the interval or hand the refresh back.
            if (response!.Headers.Get(SipHeaderNames.SessionExpires) is string text && SessionExpiresHeader.TryParse(text, out SessionExpiresHeader answered)
                && answered.Seconds >= SessionTimerNegotiator.AbsoluteMinimumSeconds)
            {
                call.SessionTimer = new SessionTimerDecision(SessionTimerDecisionKind.Use, answered.Seconds, answered.Refresher ?? SessionRefresher.Uas);
            }

            call.SessionRefreshedTimestamp = _timeProvider.GetTimestamp();
            ScheduleSessionTimer(call);
            return;
        }

        if (status is SipStatusCodes.RequestTimeout or SipStatusCodes.CallOrTransactionDoesNotExist)
        {
            // RFC 3261 §12.2.1.2: a 481 or 408 to an in-dialog request ends the dialog.
            LogSessionRefreshFailed(_logger, call.CallId!, status);
            HangUp(call, DisconnectReasons.NetworkError);
            return;
        }

        if (status == SipStatusCodes.SessionIntervalTooSmall && response!.Headers.Get(SipHeaderNames.MinSE) is string minSe
            && SessionExpiresHeader.TryParse(minSe, out SessionExpiresHeader minimum) && minimum.Seconds > call.SessionTimer.Seconds)
        {
            // §7.3: retry at once with the peer's minimum.
            call.SessionTimer = call.SessionTimer with { Seconds = minimum.Seconds };
            SendSessionRefresh(call);
            return;
        }

        // Any other refusal (491 glare, 5xx, …): the session lives until it expires (§10), so try again in a while;
        // once the interval has run out without a successful refresh, end it like a caller that stopped refreshing.
        LogSessionRefreshFailed(_logger, call.CallId!, status);
        TimeSpan left = call.SessionTimer.ExpiryAfterRefresh - _timeProvider.GetElapsedTime(call.SessionRefreshedTimestamp);
        if (left <= TimeSpan.Zero)
        {
            HangUp(call, DisconnectReasons.NetworkError);
            return;
        }

        TimeSpan retry = TimeSpan.FromSeconds(RefreshRetrySeconds);
        call.SessionTimerHandle = _context.Wheel.Schedule(retry < left ? retry : left, s_onSessionTimer, call);
    }
}
