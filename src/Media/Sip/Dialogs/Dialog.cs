using Telepath.Media.Sip.Message;
using Telepath.Media.Sip.Transport;

namespace Telepath.Media.Sip.Dialogs;

/// <summary>
/// The UAS side of a dialog (RFC 3261 §12.1.1): its id, the peer's target and route set, both CSeq spaces and
/// the From/To values for requests we send inside it. Mutated under the stack's gate only.
/// </summary>
internal sealed class Dialog
{
    /// <summary>Creates a dialog from the INVITE that established it (RFC 3261 §12.1.1).</summary>
    public Dialog(SipRequest invite, string localTag, SipSource peer)
    {
        Id = DialogId.Of(invite, localTag);
        RemoteCSeq = invite.CSeq?.Number ?? 0;
        RemoteTarget = invite.Contact?.Uri ?? invite.From?.Uri;
        Peer = peer;

        // RFC 3261 §12.1.1: the UAS route set is the Record-Route values in order.
        RouteSet = invite.Headers.GetValues(SipHeaderNames.RecordRoute);

        // Requests we send swap the INVITE's From and To (§12.2.1.1): our To is its From, our From its To + our tag.
        string to = invite.Headers.Get(SipHeaderNames.To) ?? string.Empty;
        LocalAddress = NameAddress.TryParse(to, out NameAddress? local) && local.Tag is null ? local.WithTag(localTag).ToString() : to;
        RemoteAddress = invite.Headers.Get(SipHeaderNames.From) ?? string.Empty;
    }

    /// <summary>Gets the dialog id.</summary>
    public DialogId Id { get; }

    /// <summary>Gets the peer's Contact URI, the Request-URI of requests we send (RFC 3261 §12.2.1.1).</summary>
    public SipUri? RemoteTarget { get; private set; }

    /// <summary>Gets the route set from Record-Route, in order.</summary>
    public IReadOnlyList<string> RouteSet { get; }

    /// <summary>Gets the highest CSeq the peer used in this dialog.</summary>
    public uint RemoteCSeq { get; private set; }

    /// <summary>Gets or sets our CSeq counter for requests we send.</summary>
    public uint LocalCSeq { get; set; } = 1;

    /// <summary>Gets our From value (with our tag) for requests we send.</summary>
    public string LocalAddress { get; }

    /// <summary>Gets our To value (with the peer's tag) for requests we send.</summary>
    public string RemoteAddress { get; }

    /// <summary>Gets where the peer's requests came from; our in-dialog requests go back there.</summary>
    public SipSource Peer { get; private set; }

    /// <summary>
    /// Accepts the CSeq of an in-dialog request (RFC 3261 §12.2.2): a number lower than the last one is out of
    /// order and must get a 500. ACK and CANCEL reuse their INVITE's number and are not checked.
    /// </summary>
    /// <returns>False when the request must be refused with 500.</returns>
    public bool TryAcceptRemoteCSeq(SipRequest request)
    {
        if (request.Method == SipMethod.Ack || request.Method == SipMethod.Cancel || request.CSeq is not CSeqHeader cseq)
        {
            return true;
        }

        if (cseq.Number < RemoteCSeq)
        {
            return false;
        }

        RemoteCSeq = cseq.Number;
        return true;
    }

    /// <summary>A target refresh (re-INVITE, UPDATE) may change the remote target (RFC 3261 §12.2.2).</summary>
    public void RefreshTarget(SipRequest request, SipSource peer)
    {
        if (request.Contact?.Uri is SipUri contact)
        {
            RemoteTarget = contact;
        }

        Peer = peer;
    }
}
