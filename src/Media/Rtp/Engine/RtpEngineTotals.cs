namespace Telepath.Media.Rtp.Engine;

/// <summary>Engine-wide sums of the stream counters, gathered when a metrics listener observes them.</summary>
internal struct RtpEngineTotals
{
    /// <summary>Creates zeroed totals.</summary>
    public RtpEngineTotals()
    {
        Drops = new long[(int)RtpDropReason.Other + 1];
    }

    /// <summary>Gets or sets the RTP packets accepted.</summary>
    public long PacketsIn { get; set; }

    /// <summary>Gets or sets the RTP packets sent.</summary>
    public long PacketsOut { get; set; }

    /// <summary>Gets or sets the frames discarded by barge-in flushes.</summary>
    public long FramesFlushed { get; set; }

    /// <summary>Gets or sets the failed send calls.</summary>
    public long SendErrors { get; set; }

    /// <summary>Gets the drops indexed by <see cref="RtpDropReason"/>.</summary>
    public long[] Drops { get; }
}
