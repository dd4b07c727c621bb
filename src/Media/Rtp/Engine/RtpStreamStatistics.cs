namespace Telepath.Media.Rtp.Engine;

/// <summary>A snapshot of one stream's counters, for call metrics and RTCP-based quality figures.</summary>
/// <param name="PacketsIn">RTP packets accepted from the latched source.</param>
/// <param name="BytesIn">Payload bytes of those packets.</param>
/// <param name="PacketsOut">RTP packets sent (audio and DTMF).</param>
/// <param name="BytesOut">Payload bytes sent.</param>
/// <param name="LossPercent">Inbound loss, expected − received over expected (RFC 3550 A.3), in percent.</param>
/// <param name="JitterMilliseconds">Inbound interarrival jitter (RFC 3550 A.8) in milliseconds.</param>
/// <param name="RoundTripMilliseconds">Latest RTT from an RTCP report block's LSR/DLSR, or null before one arrived.</param>
/// <param name="RemoteLossPercent">The loss the peer reported for our outbound stream (fraction lost of its last report), in percent.</param>
/// <param name="Drops">Datagrams not delivered, indexed by <see cref="RtpDropReason"/>.</param>
/// <param name="FramesFlushed">Outgoing frames discarded by <see cref="RtpStream.Flush"/> (barge-in).</param>
/// <param name="Underruns">Talkspurts whose queue ran dry at a pacing slot (each ends with one; a silent stream is not paced, so silence adds none).</param>
/// <param name="Relatches">Times symmetric RTP moved to a new source address after the hijack guard allowed it.</param>
/// <param name="DtmfIn">Key presses received.</param>
/// <param name="DtmfOut">Key presses sent.</param>
/// <param name="RtcpIn">RTCP compound packets received.</param>
/// <param name="RtcpOut">RTCP compound packets sent.</param>
/// <param name="ReceiveP50Microseconds">Median time from packet arrival to the consumer callback's return.</param>
/// <param name="ReceiveP99Microseconds">99th percentile of the same.</param>
/// <param name="SendP50Microseconds">Median time from a frame's due time (or its arrival, if later) to its send call returning.</param>
/// <param name="SendP99Microseconds">99th percentile of the same.</param>
internal sealed record RtpStreamStatistics(
    long PacketsIn,
    long BytesIn,
    long PacketsOut,
    long BytesOut,
    double LossPercent,
    double JitterMilliseconds,
    double? RoundTripMilliseconds,
    double RemoteLossPercent,
    IReadOnlyList<long> Drops,
    long FramesFlushed,
    long Underruns,
    long Relatches,
    long DtmfIn,
    long DtmfOut,
    long RtcpIn,
    long RtcpOut,
    double ReceiveP50Microseconds,
    double ReceiveP99Microseconds,
    double SendP50Microseconds,
    double SendP99Microseconds)
{
    /// <summary>Gets the outgoing frames skipped to shed a standing playout delay (see <see cref="RtpPacer"/>).</summary>
    public long FramesSkipped { get; init; }

    /// <summary>Gets how often the outgoing slot phase moved earlier to meet a real-time producer (see <see cref="RtpPacer"/>).</summary>
    public long PhaseShifts { get; init; }

    /// <summary>Gets the number of datagrams dropped for <paramref name="reason"/>.</summary>
    public long DropsFor(RtpDropReason reason) => Drops[(int)reason];
}
