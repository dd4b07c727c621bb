namespace Telepath.Media.Rtp;

/// <summary>An RTP port and its RTCP companion (RFC 3550 §11: RTP even, RTCP the next odd port).</summary>
/// <param name="Rtp">The even RTP port.</param>
internal readonly record struct RtpPortPair(int Rtp)
{
    /// <summary>Gets the RTCP port, RTP + 1.</summary>
    public int Rtcp => Rtp + 1;
}
