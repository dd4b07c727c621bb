using Telepath.Media.Sip.Message;

namespace Telepath.Media.Sip.UserAgent;

/// <summary>The outcome of negotiating a session timer (RFC 4028 §9) for one request.</summary>
/// <param name="Kind">Use, none, or one of the refusals.</param>
/// <param name="Seconds">The session interval (for <see cref="SessionTimerDecisionKind.Use"/>), or our Min-SE (for <see cref="SessionTimerDecisionKind.TooSmall"/>).</param>
/// <param name="Refresher">Who refreshes (for <see cref="SessionTimerDecisionKind.Use"/>).</param>
internal readonly record struct SessionTimerDecision(SessionTimerDecisionKind Kind, uint Seconds, SessionRefresher Refresher)
{
    /// <summary>No session timer.</summary>
    public static SessionTimerDecision None => default;

    /// <summary>
    /// How long after a refresh we give up on the dialog when the caller refreshes: RFC 4028 §10 — the interval minus
    /// a third of it or 32 s, whichever is less, so a refresh that is merely late does not kill the call.
    /// </summary>
    public TimeSpan ExpiryAfterRefresh => TimeSpan.FromSeconds(Seconds - Math.Min(32, Seconds / 3));

    /// <summary>When we refresh ourselves: half the interval (RFC 4028 §10).</summary>
    public TimeSpan RefreshAfter => TimeSpan.FromSeconds(Seconds / 2.0);

    /// <summary>The Session-Expires value for the 2xx.</summary>
    public SessionExpiresHeader Header => new(Seconds, Refresher);
}
