namespace Telepath.Media.Rtp.Rtcp;

/// <summary>One reception report block of an SR or RR (RFC 3550 §6.4.1).</summary>
/// <param name="Ssrc">The source this block reports on.</param>
/// <param name="FractionLost">Loss since the previous report, as a fixed-point fraction ×256.</param>
/// <param name="CumulativeLost">Packets lost since the start (24-bit signed on the wire).</param>
/// <param name="ExtendedHighestSequence">Highest sequence number received, with the wrap count in the upper 16 bits.</param>
/// <param name="Jitter">Interarrival jitter in timestamp units.</param>
/// <param name="LastSenderReport">LSR: the middle 32 bits of the NTP timestamp of the last SR received, or 0.</param>
/// <param name="DelaySinceLastSenderReport">DLSR: delay since that SR, in units of 1/65536 s.</param>
internal readonly record struct RtcpReportBlock(
    uint Ssrc,
    byte FractionLost,
    int CumulativeLost,
    uint ExtendedHighestSequence,
    uint Jitter,
    uint LastSenderReport,
    uint DelaySinceLastSenderReport)
{
    /// <summary>Size of a report block on the wire.</summary>
    public const int Length = 24;
}
