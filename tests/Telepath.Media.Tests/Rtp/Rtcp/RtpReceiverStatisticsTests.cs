using Microsoft.Extensions.Time.Testing;
using Telepath.Media.Rtp.Rtcp;

namespace Telepath.Media.Tests.Rtp.Rtcp;

/// <summary>RFC 3550 A.3 loss, A.8 jitter and §6.4.1 round-trip time against synthetic streams with known figures.</summary>
public sealed class RtpReceiverStatisticsTests
{
    private readonly FakeTimeProvider _time = new();

    /// <summary>RFC 3550 A.8: arrivals alternating ±5 ms around the nominal spacing give |D| = 10 ms, which J converges to.</summary>
    [Fact]
    public void Jitter_converges_for_alternating_arrival_offsets()
    {
        var stats = new RtpReceiverStatistics(_time);
        long start = _time.GetTimestamp();
        long ms = _time.TimestampFrequency / 1000;
        for (int i = 0; i < 500; i++)
        {
            // Packet i is sent at i × 20 ms and arrives 5 ms early or late in turn: |D| = 10 ms = 80 units.
            long arrival = start + (i * 20 * ms) + ((i % 2 == 0 ? 5 : -5) * ms) + (100 * ms);
            stats.OnPacket((ushort)i, (uint)(i * 160), arrival);
        }

        Assert.InRange(stats.Jitter, 78u, 80u);
        Assert.InRange(stats.JitterMilliseconds, 9.7, 10.0);
    }

    [Fact]
    public void Perfectly_paced_stream_has_zero_jitter_even_across_timestamp_wrap()
    {
        var stats = new RtpReceiverStatistics(_time);
        long start = _time.GetTimestamp();
        for (int i = 0; i < 100; i++)
        {
            stats.OnPacket((ushort)(65500 + i), uint.MaxValue - 8000 + (uint)(i * 160), start + (i * _time.TimestampFrequency / 50));
        }

        Assert.Equal(0u, stats.Jitter);
        Assert.Equal(0, stats.CumulativeLost);
    }

    /// <summary>RFC 3550 A.3: expected − received, and the fraction per reporting interval in 1/256 units.</summary>
    [Fact]
    public void Every_tenth_packet_dropped_gives_ten_percent_loss()
    {
        var stats = new RtpReceiverStatistics(_time);
        long now = _time.GetTimestamp();
        for (int i = 0; i < 1000; i++)
        {
            if (i % 10 != 5)
            {
                stats.OnPacket((ushort)(65000 + i), (uint)(i * 160), now + (i * _time.TimestampFrequency / 50));
            }
        }

        RtcpReportBlock first = stats.CreateReportBlock(7, now);
        Assert.Equal(100, first.CumulativeLost);
        // RFC 3550 A.1: the first packet only starts probation, so counting begins at the second.
        Assert.Equal(999, stats.Expected);
        Assert.Equal((byte)25, first.FractionLost);
        Assert.Equal((uint)(65000 + 999), first.ExtendedHighestSequence);

        // Second interval: 100 more packets, none lost.
        for (int i = 1000; i < 1100; i++)
        {
            stats.OnPacket((ushort)(65000 + i), (uint)(i * 160), now + (i * _time.TimestampFrequency / 50));
        }

        RtcpReportBlock second = stats.CreateReportBlock(7, now);
        Assert.Equal((byte)0, second.FractionLost);
        Assert.Equal(100, second.CumulativeLost);
    }

    [Fact]
    public void Report_block_echoes_the_last_sender_report_with_its_delay()
    {
        var stats = new RtpReceiverStatistics(_time);
        ulong srNtp = 0x1234_5678_9ABC_DEF0;
        long arrival = _time.GetTimestamp();
        stats.OnSenderReport(srNtp, arrival);
        RtcpReportBlock block = stats.CreateReportBlock(1, arrival + (_time.TimestampFrequency / 4));
        Assert.Equal(0x5678_9ABCu, block.LastSenderReport);
        Assert.Equal(65536u / 4, block.DelaySinceLastSenderReport);
    }

    /// <summary>RFC 3550 §6.4.1: RTT = A − LSR − DLSR in 1/65536 s units.</summary>
    [Fact]
    public void Round_trip_time_comes_from_lsr_and_dlsr_of_a_received_report()
    {
        var sentAt = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        ulong ourSr = NtpTimestamp.FromDateTimeOffset(sentAt);

        // The peer held our SR for 250 ms; the report reaches us 330 ms after we sent the SR: RTT 80 ms.
        var block = new RtcpReportBlock(1, 0, 0, 0, 0, NtpTimestamp.Middle32(ourSr), NtpTimestamp.ToShortUnits(TimeSpan.FromMilliseconds(250)));
        ulong arrival = NtpTimestamp.FromDateTimeOffset(sentAt.AddMilliseconds(330));

        // Through the wire format: the peer's RR carries the block.
        var datagram = new byte[32];
        Assert.True(RtcpWriter.TryWriteReceiverReport(datagram, 0xBEEF, [block], out int written));
        var reader = new RtcpCompoundReader(datagram.AsSpan(0, written));
        Assert.True(reader.TryReadNext(out RtcpPacket packet));
        RtcpReportBlock received = packet.GetReportBlock(0);

        Assert.True(RtcpRoundTrip.TryCompute(received, arrival, out TimeSpan rtt));
        Assert.InRange(rtt.TotalMilliseconds, 79.9, 80.1);
        Assert.False(RtcpRoundTrip.TryCompute(block with { LastSenderReport = 0 }, arrival, out _));
        Assert.False(RtcpRoundTrip.TryCompute(block, ourSr, out _));
    }

    [Fact]
    public void Ntp_conversion_uses_the_1900_epoch()
    {
        ulong ntp = NtpTimestamp.FromDateTimeOffset(new DateTimeOffset(1970, 1, 1, 0, 0, 0, 500, TimeSpan.Zero));
        Assert.Equal(2208988800UL, ntp >> 32);
        Assert.Equal(0x8000_0000UL, ntp & 0xFFFF_FFFF);
    }
}
