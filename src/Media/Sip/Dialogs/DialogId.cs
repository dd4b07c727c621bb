using Telepath.Media.Sip.Message;

namespace Telepath.Media.Sip.Dialogs;

/// <summary>Identifies a dialog (RFC 3261 §12): Call-ID, local tag and remote tag.</summary>
/// <param name="CallId">The Call-ID.</param>
/// <param name="LocalTag">Our tag (the To-tag of requests we receive as UAS).</param>
/// <param name="RemoteTag">The peer's tag (the From-tag of requests it sends).</param>
internal readonly record struct DialogId(string CallId, string LocalTag, string RemoteTag)
{
    /// <summary>The dialog a request from the peer belongs to (as UAS): its Call-ID and From tag, with <paramref name="localTag"/>.</summary>
    public static DialogId Of(SipRequest request, string localTag) => new(request.CallId!, localTag, request.From?.Tag ?? string.Empty);
}
