using Telepath.Media.Hosting;
using Telepath.Media.Sip.Message;

namespace Telepath.Media.Sip.UserAgent;

/// <summary>
/// The UAS side of RFC 4028 §9, for an initial INVITE and for every refresh (re-INVITE or UPDATE), which §9 treats the
/// same way. Pure: reads the request and our two settings, decides interval and refresher.
/// </summary>
internal sealed class SessionTimerNegotiator
{
    /// <summary>RFC 4028 §4: the smallest interval anyone may use, and the Min-SE assumed when a request has none.</summary>
    public const uint AbsoluteMinimumSeconds = 90;

    private readonly uint _preferredSeconds;
    private readonly uint _minimumSeconds;

    /// <summary>Creates a negotiator for our preferred (and longest accepted) interval and our Min-SE.</summary>
    public SessionTimerNegotiator(SipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _minimumSeconds = Math.Max(AbsoluteMinimumSeconds, (uint)options.MinSessionExpires.TotalSeconds);
        _preferredSeconds = Math.Max(_minimumSeconds, (uint)Math.Min(uint.MaxValue, options.SessionExpires.TotalSeconds));
    }

    /// <summary>Our Min-SE, as sent in a 422.</summary>
    public uint MinimumSeconds => _minimumSeconds;

    /// <summary>Decides the session timer for <paramref name="request"/>.</summary>
    public SessionTimerDecision Decide(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        bool supports = SipOptionTags.Lists(request, SipOptionTags.Timer);
        uint requestMinimum = AbsoluteMinimumSeconds;
        if (request.Headers.Get(SipHeaderNames.MinSE) is string minSe)
        {
            if (!SessionExpiresHeader.TryParse(minSe, out SessionExpiresHeader parsedMinimum))
            {
                return new SessionTimerDecision(SessionTimerDecisionKind.Malformed, 0, default);
            }

            requestMinimum = Math.Max(requestMinimum, parsedMinimum.Seconds);
        }

        uint floor = Math.Max(requestMinimum, _minimumSeconds);
        if (request.Headers.Get(SipHeaderNames.SessionExpires) is not string text)
        {
            // §9: without Session-Expires the UAS may still ask for a timer, but only a caller that supports the
            // extension can be made the refresher; we do not volunteer to refresh on behalf of one that does not.
            return supports
                ? new SessionTimerDecision(SessionTimerDecisionKind.Use, Math.Max(_preferredSeconds, requestMinimum), SessionRefresher.Uac)
                : SessionTimerDecision.None;
        }

        if (!SessionExpiresHeader.TryParse(text, out SessionExpiresHeader proposed))
        {
            return new SessionTimerDecision(SessionTimerDecisionKind.Malformed, 0, default);
        }

        if (proposed.Seconds < _minimumSeconds)
        {
            // §6/§9: a caller that supports timers can retry with our Min-SE. One that does not (a proxy inserted the
            // header) would not understand a 422, and a UAS must never raise the interval: run without a timer.
            return supports
                ? new SessionTimerDecision(SessionTimerDecisionKind.TooSmall, _minimumSeconds, default)
                : SessionTimerDecision.None;
        }

        // §9: the UAS may shorten the interval, never below the request's Min-SE, and never lengthen it.
        uint seconds = proposed.Seconds > _preferredSeconds ? Math.Min(proposed.Seconds, Math.Max(_preferredSeconds, floor)) : proposed.Seconds;

        // §9: an explicit refresher is kept; otherwise a supporting caller refreshes, else we must.
        SessionRefresher refresher = proposed.Refresher ?? (supports ? SessionRefresher.Uac : SessionRefresher.Uas);
        if (refresher == SessionRefresher.Uas && !AllowsUpdate(request))
        {
            // We refresh with UPDATE only (no client re-INVITE); a peer that does not allow UPDATE gets no timer
            // rather than one we would let expire.
            return SessionTimerDecision.None;
        }

        return new SessionTimerDecision(SessionTimerDecisionKind.Use, seconds, refresher);
    }

    private static bool AllowsUpdate(SipRequest request)
    {
        foreach (string method in request.Headers.GetValues(SipHeaderNames.Allow))
        {
            if (string.Equals(method, SipMethod.Update.Name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
