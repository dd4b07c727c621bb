using System.Net;

namespace Telepath.Media.Sdp;

/// <summary>What the RTP layer needs from a completed offer/answer for the one audio stream we bridge.</summary>
/// <param name="MediaIndex">Index of the accepted m-line in the offer and the answer.</param>
/// <param name="Codec">The chosen codec.</param>
/// <param name="TelephoneEventPayloadType">The offerer's RFC 4733 payload type, or null when not negotiated.</param>
/// <param name="RemoteRtp">Where to send RTP: media <c>c=</c> else session <c>c=</c>, and the m-line port.</param>
/// <param name="RemoteRtcp">Where to send RTCP: RFC 3605 <c>a=rtcp</c> port, else RTP port + 1 (RFC 3550 §11).</param>
/// <param name="Ptime">Packetisation time in milliseconds we send with.</param>
/// <param name="Direction">Our direction, as written in the answer.</param>
/// <param name="IsRemoteHold">True when the offerer put us on hold (sendonly, inactive, or the RFC 2543 <c>c=0.0.0.0</c>).</param>
public sealed record NegotiatedAudio(
    int MediaIndex,
    NegotiatedCodec Codec,
    int? TelephoneEventPayloadType,
    IPEndPoint RemoteRtp,
    IPEndPoint RemoteRtcp,
    int Ptime,
    SdpDirection Direction,
    bool IsRemoteHold);
