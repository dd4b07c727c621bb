using Telepath.Media.Sip.Message;

namespace Telepath.Media.Sip.UserAgent;

/// <summary>
/// What identifies a request independent of the path it took (RFC 3261 §8.2.2.2): Call-ID, From tag and CSeq number.
/// Two INVITEs with the same origin but different branches are one request that reached us twice (forked upstream
/// and merged here); only the first may become a call.
/// </summary>
/// <param name="CallId">The Call-ID.</param>
/// <param name="FromTag">The From tag (empty when the sender left it out).</param>
/// <param name="CSeq">The CSeq number.</param>
internal readonly record struct RequestOrigin(string CallId, string FromTag, uint CSeq)
{
    /// <summary>The origin of <paramref name="request"/>, or null when it lacks a Call-ID or CSeq.</summary>
    public static RequestOrigin? Of(SipRequest request) =>
        request.CallId is string callId && request.CSeq is CSeqHeader cseq
            ? new RequestOrigin(callId, request.From?.Tag ?? string.Empty, cseq.Number)
            : null;
}
