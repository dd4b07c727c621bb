namespace Telepath.Media.Sdp;

/// <summary>
/// The RFC 3264 offer/answer state of one dialog, shared by INVITE, re-INVITE and UPDATE. It decides whether an
/// incoming offer may be processed or must be refused (glare, overlapping offers), and remembers the remote origin so
/// a re-offer with an unchanged <c>o=</c> version can be recognised (RFC 3264 §8). Owned by one call; not thread-safe.
/// </summary>
public sealed class OfferAnswerState
{
    // What to restore when an outstanding offer is refused: the session stays as it was (RFC 3264 §8).
    private OfferAnswerPhase _stablePhase = OfferAnswerPhase.None;
    private SdpOrigin? _stableRemoteOrigin;
    private SessionDescription? _stableLocalDescription;

    /// <summary>The current phase.</summary>
    public OfferAnswerPhase Phase { get; private set; } = OfferAnswerPhase.None;

    /// <summary>The origin of the last remote offer we accepted for processing, or null.</summary>
    public SdpOrigin? RemoteOrigin { get; private set; }

    /// <summary>Our last answer or offer that the peer accepted; pass to <see cref="CodecNegotiator.Answer"/> on re-offers.</summary>
    public SessionDescription? LocalDescription { get; private set; }

    /// <summary>Number of completed offer/answer exchanges.</summary>
    public int CompletedExchanges { get; private set; }

    /// <summary>
    /// Records an incoming offer. RFC 3264 §4: only one offer may be outstanding in each direction of a dialog.
    /// </summary>
    public OfferAnswerOutcome ReceiveOffer(SessionDescription offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        switch (Phase)
        {
            case OfferAnswerPhase.LocalOfferSent:
                return OfferAnswerOutcome.Glare;
            case OfferAnswerPhase.RemoteOfferReceived or OfferAnswerPhase.LocalAnswerSent:
                return OfferAnswerOutcome.UnexpectedOffer;
            default:
                _stablePhase = Phase;
                _stableRemoteOrigin = RemoteOrigin;
                Phase = OfferAnswerPhase.RemoteOfferReceived;
                RemoteOrigin = offer.Origin;
                return OfferAnswerOutcome.Accepted;
        }
    }

    /// <summary>
    /// Call before <see cref="ReceiveOffer"/>. True when <paramref name="offer"/> repeats the last remote description: same origin session id and version,
    /// which RFC 3264 §8 says means the description did not change (typical of session-timer refreshes).
    /// </summary>
    public bool IsUnchangedRemoteOffer(SessionDescription offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return RemoteOrigin is { } previous
            && CompletedExchanges > 0
            && string.Equals(previous.SessionId, offer.Origin.SessionId, StringComparison.Ordinal)
            && previous.SessionVersion == offer.Origin.SessionVersion;
    }

    /// <summary>Records that we sent <paramref name="answer"/> to the outstanding remote offer.</summary>
    /// <param name="answer">The answer sent.</param>
    /// <param name="completesExchange">
    /// True when the carrying transaction is already complete (2xx to UPDATE); false when it still needs the ACK
    /// (2xx to INVITE), in which case call <see cref="Confirm"/> on ACK.
    /// </param>
    public OfferAnswerOutcome SendAnswer(SessionDescription answer, bool completesExchange)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (Phase != OfferAnswerPhase.RemoteOfferReceived)
        {
            return OfferAnswerOutcome.UnexpectedAnswer;
        }

        LocalDescription = answer;
        Phase = OfferAnswerPhase.LocalAnswerSent;
        if (completesExchange)
        {
            Confirm();
        }

        return OfferAnswerOutcome.Accepted;
    }

    /// <summary>Marks the exchange complete when the ACK for the INVITE that carried our answer arrives.</summary>
    public void Confirm()
    {
        if (Phase == OfferAnswerPhase.LocalAnswerSent)
        {
            Phase = OfferAnswerPhase.Done;
            CompletedExchanges++;
        }
    }

    /// <summary>
    /// Undoes an outstanding remote offer we rejected (488, 491, 500): RFC 3264 §8 and RFC 3261 §14.2 say a failed
    /// re-offer leaves the session as it was.
    /// </summary>
    public void RejectRemoteOffer()
    {
        if (Phase == OfferAnswerPhase.RemoteOfferReceived)
        {
            Phase = _stablePhase;
            RemoteOrigin = _stableRemoteOrigin;
        }
    }

    /// <summary>Records that we sent an offer (hold re-INVITE, UPDATE, or an offer in a 2xx).</summary>
    public OfferAnswerOutcome SendOffer(SessionDescription offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        if (Phase is OfferAnswerPhase.LocalOfferSent or OfferAnswerPhase.RemoteOfferReceived or OfferAnswerPhase.LocalAnswerSent)
        {
            return OfferAnswerOutcome.UnexpectedOffer;
        }

        _stablePhase = Phase;
        _stableLocalDescription = LocalDescription;
        LocalDescription = offer;
        Phase = OfferAnswerPhase.LocalOfferSent;
        return OfferAnswerOutcome.Accepted;
    }

    /// <summary>Records the peer's answer to our outstanding offer; the exchange is then complete.</summary>
    public OfferAnswerOutcome ReceiveAnswer(SessionDescription answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (Phase != OfferAnswerPhase.LocalOfferSent)
        {
            return OfferAnswerOutcome.UnexpectedAnswer;
        }

        RemoteOrigin = answer.Origin;
        Phase = OfferAnswerPhase.Done;
        CompletedExchanges++;
        return OfferAnswerOutcome.Accepted;
    }

    /// <summary>Undoes our outstanding offer after the peer refused it (e.g. 488 or 491 to our re-INVITE).</summary>
    public void OfferRejectedByPeer()
    {
        if (Phase == OfferAnswerPhase.LocalOfferSent)
        {
            Phase = _stablePhase;
            LocalDescription = _stableLocalDescription;
        }
    }
}
