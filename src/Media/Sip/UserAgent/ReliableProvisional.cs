using Telepath.Media.Timing;

namespace Telepath.Media.Sip.UserAgent;

/// <summary>
/// A reliable provisional response awaiting its PRACK (RFC 3262 §3): the bytes to resend, its RSeq, and the
/// retransmission timer. Owned by one call, under the UAS gate.
/// </summary>
internal sealed class ReliableProvisional
{
    /// <summary>Creates the state for the response <paramref name="bytes"/> sent with <paramref name="rseq"/>.</summary>
    public ReliableProvisional(uint rseq, ReadOnlyMemory<byte> bytes, uint inviteCSeq, TimeSpan firstInterval, long sentTimestamp)
    {
        RSeq = rseq;
        Bytes = bytes;
        InviteCSeq = inviteCSeq;
        Interval = firstInterval;
        SentTimestamp = sentTimestamp;
    }

    /// <summary>Gets the RSeq the response carried.</summary>
    public uint RSeq { get; }

    /// <summary>Gets the serialized response, resent until acknowledged.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>Gets the CSeq number of the INVITE it answers (the PRACK's RAck names it).</summary>
    public uint InviteCSeq { get; }

    /// <summary>Gets or sets the next retransmission interval: T1, doubling (RFC 3262 §3).</summary>
    public TimeSpan Interval { get; set; }

    /// <summary>Gets when it was first sent (TimeProvider timestamp), for the 64·T1 give-up.</summary>
    public long SentTimestamp { get; }

    /// <summary>Gets or sets the retransmission timer.</summary>
    public TimerHandle Timer { get; set; }
}
