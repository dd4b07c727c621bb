namespace Telepath.Media.Sdp;

/// <summary>Where a dialog stands in the RFC 3264 offer/answer exchange (compare pjmedia's SDP negotiator states).</summary>
public enum OfferAnswerPhase
{
    /// <summary>No offer has been made yet in this dialog.</summary>
    None,

    /// <summary>The peer sent an offer; we owe an answer (or a rejection).</summary>
    RemoteOfferReceived,

    /// <summary>We sent an answer; the transaction that carries it has not completed (e.g. ACK pending).</summary>
    LocalAnswerSent,

    /// <summary>We sent an offer (re-INVITE, UPDATE, or 2xx to an offerless INVITE); we await the answer.</summary>
    LocalOfferSent,

    /// <summary>The last exchange completed; either side may start a new one.</summary>
    Done,
}
