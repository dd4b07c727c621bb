using System.Net;

namespace Telepath.Media.Rtp.Engine;

/// <summary>What the SDP negotiation decided for one stream.</summary>
/// <param name="PayloadType">The audio payload type (0 = PCMU, 8 = PCMA).</param>
/// <param name="TelephoneEventPayloadType">The negotiated RFC 4733 payload type, or null when none was agreed.</param>
/// <param name="Remote">The remote RTP address from the SDP, used until symmetric RTP latches; may be null.</param>
/// <param name="ClockRate">The RTP clock rate in Hz.</param>
/// <param name="FrameBytes">Bytes per outgoing frame (160 for 20 ms of G.711).</param>
/// <param name="SilenceByte">The codec's silence byte, for padding a final partial frame (0xFF μ-law, 0xD5 A-law).</param>
/// <param name="FrameMilliseconds">
/// The audio per outgoing packet: the peer's <c>a=ptime</c> (RFC 4566 §6), which a sender should honour; 20 ms unless
/// negotiated otherwise. <paramref name="FrameBytes"/> must hold exactly this much audio.
/// </param>
internal sealed record RtpStreamSettings(
    byte PayloadType,
    byte? TelephoneEventPayloadType = null,
    IPEndPoint? Remote = null,
    int ClockRate = 8000,
    int FrameBytes = 160,
    byte SilenceByte = 0xFF,
    int FrameMilliseconds = 20);
