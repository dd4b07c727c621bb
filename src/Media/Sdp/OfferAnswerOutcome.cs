namespace Telepath.Media.Sdp;

/// <summary>Result of an <see cref="OfferAnswerState"/> transition, with the SIP response a refused offer deserves.</summary>
public enum OfferAnswerOutcome
{
    /// <summary>The transition is allowed and was applied.</summary>
    Accepted,

    /// <summary>
    /// An offer arrived while our own offer is outstanding: answer <c>491 Request Pending</c>
    /// (RFC 3261 §14.2, RFC 3311 §5.2).
    /// </summary>
    Glare,

    /// <summary>
    /// An offer arrived while an earlier remote offer is unanswered or our answer is unconfirmed: answer
    /// <c>500 Server Internal Error</c> with Retry-After (RFC 3261 §14.2, RFC 3311 §5.2).
    /// </summary>
    UnexpectedOffer,

    /// <summary>An answer was sent or received when no offer was outstanding: a local bug or a broken peer.</summary>
    UnexpectedAnswer,
}
