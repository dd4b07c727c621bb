namespace Telepath.Media.Rtp.Rtcp;

/// <summary>The sender information section of an SR (RFC 3550 §6.4.1).</summary>
/// <param name="NtpTimestamp">Wall-clock send time in 64-bit NTP format.</param>
/// <param name="RtpTimestamp">The same instant on the stream's RTP clock.</param>
/// <param name="PacketCount">RTP packets sent since the start.</param>
/// <param name="OctetCount">RTP payload octets sent since the start.</param>
internal readonly record struct RtcpSenderInfo(ulong NtpTimestamp, uint RtpTimestamp, uint PacketCount, uint OctetCount)
{
    /// <summary>Size of the sender information on the wire.</summary>
    public const int Length = 20;
}
