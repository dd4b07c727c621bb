namespace Telepath.Media.Sdp;

/// <summary>The codec chosen for a stream, with the payload type the offerer used for it (RFC 3264 §6.1).</summary>
/// <param name="Name">Encoding name as configured locally, e.g. <c>PCMU</c>.</param>
/// <param name="PayloadType">RTP payload type number, the offerer's.</param>
/// <param name="ClockRate">RTP clock rate in Hz.</param>
public sealed record NegotiatedCodec(string Name, int PayloadType, int ClockRate);
