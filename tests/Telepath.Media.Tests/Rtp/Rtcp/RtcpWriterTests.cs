using System.Text;
using CsCheck;
using Telepath.Media.Rtp.Rtcp;

namespace Telepath.Media.Tests.Rtp.Rtcp;

/// <summary>RFC 3550 §6 RTCP: SR, RR, SDES CNAME and BYE build→parse round trips and compound validation.</summary>
public sealed class RtcpWriterTests
{
    private static readonly RtcpReportBlock s_block = new(0x11223344, 25, -3, 0x0001FFFF, 77, 0xAABBCCDD, 65536);

    [Fact]
    public void Compound_sr_sdes_bye_round_trips()
    {
        var buffer = new byte[512];
        var sender = new RtcpSenderInfo(0xE5F0_0000_8000_0000, 123456, 500, 80000);
        Assert.True(RtcpWriter.TryWriteSenderReport(buffer, 0xCAFEBABE, sender, [s_block, s_block with { Ssrc = 9 }], out int sr));
        Assert.True(RtcpWriter.TryWriteSourceDescription(buffer.AsSpan(sr), 0xCAFEBABE, "telepath@host"u8, out int sdes));
        Assert.True(RtcpWriter.TryWriteGoodbye(buffer.AsSpan(sr + sdes), [0xCAFEBABE], out int bye));
        ReadOnlySpan<byte> datagram = buffer.AsSpan(0, sr + sdes + bye);
        Assert.Equal(0, datagram.Length % 4);
        Assert.True(RtcpCompoundReader.IsValidCompound(datagram));

        var reader = new RtcpCompoundReader(datagram);
        Assert.True(reader.TryReadNext(out RtcpPacket packet));
        Assert.Equal(RtcpPacketType.SenderReport, packet.Type);
        Assert.Equal(0xCAFEBABEu, packet.Ssrc);
        Assert.True(packet.TryGetSenderInfo(out RtcpSenderInfo info));
        Assert.Equal(sender, info);
        Assert.Equal(2, packet.ReportBlockCount);
        Assert.Equal(s_block, packet.GetReportBlock(0));
        Assert.Equal(9u, packet.GetReportBlock(1).Ssrc);

        Assert.True(reader.TryReadNext(out packet));
        Assert.Equal(RtcpPacketType.SourceDescription, packet.Type);
        Assert.True(packet.TryGetCname(out uint ssrc, out ReadOnlySpan<byte> cname));
        Assert.Equal(0xCAFEBABEu, ssrc);
        Assert.Equal("telepath@host", Encoding.UTF8.GetString(cname));

        Assert.True(reader.TryReadNext(out packet));
        Assert.Equal(RtcpPacketType.Goodbye, packet.Type);
        Assert.Equal(0xCAFEBABEu, packet.GetGoodbyeSsrc(0));
        Assert.False(reader.TryReadNext(out _));
        Assert.False(reader.IsMalformed);
    }

    [Fact]
    public void Receiver_report_round_trips_and_negative_cumulative_loss_keeps_its_sign()
    {
        var buffer = new byte[64];
        Assert.True(RtcpWriter.TryWriteReceiverReport(buffer, 5, [s_block], out int written));
        Assert.Equal(32, written);
        var reader = new RtcpCompoundReader(buffer.AsSpan(0, written));
        Assert.True(reader.TryReadNext(out RtcpPacket packet));
        Assert.Equal(RtcpPacketType.ReceiverReport, packet.Type);
        RtcpReportBlock block = packet.GetReportBlock(0);
        Assert.Equal(-3, block.CumulativeLost);
        Assert.Equal(s_block, block);
    }

    [Fact]
    public void Report_blocks_round_trip_for_any_field_values()
    {
        Gen.Select(Gen.UInt, Gen.Byte, Gen.Int[-0x800000, 0x7FFFFF], Gen.UInt, Gen.UInt, Gen.UInt, Gen.UInt)
            .Sample((ssrc, fraction, lost, highest, jitter, lsr, dlsr) =>
            {
                var block = new RtcpReportBlock(ssrc, fraction, lost, highest, jitter, lsr, dlsr);
                var buffer = new byte[32];
                RtcpWriter.TryWriteReceiverReport(buffer, 1, [block], out int written);
                var reader = new RtcpCompoundReader(buffer.AsSpan(0, written));
                Assert.True(reader.TryReadNext(out RtcpPacket packet));
                Assert.Equal(block, packet.GetReportBlock(0));
            });
    }

    /// <summary>RFC 3550 A.2: a compound packet starts with SR or RR and its lengths add up exactly.</summary>
    [Fact]
    public void Compound_validation_rejects_wrong_first_packet_and_bad_lengths()
    {
        var buffer = new byte[128];
        RtcpWriter.TryWriteGoodbye(buffer, [1], out int bye);
        Assert.False(RtcpCompoundReader.IsValidCompound(buffer.AsSpan(0, bye)));

        RtcpWriter.TryWriteReceiverReport(buffer, 1, [], out int rr);
        Assert.True(RtcpCompoundReader.IsValidCompound(buffer.AsSpan(0, rr)));
        Assert.False(RtcpCompoundReader.IsValidCompound(buffer.AsSpan(0, rr + 2)));
        Assert.False(RtcpCompoundReader.IsValidCompound(buffer.AsSpan(0, rr - 1)));
        Assert.False(RtcpCompoundReader.IsValidCompound([]));

        // An RR whose count claims a block that is not there.
        buffer[0] |= 1;
        var reader = new RtcpCompoundReader(buffer.AsSpan(0, rr));
        Assert.False(reader.TryReadNext(out _));
        Assert.True(reader.IsMalformed);
    }

    [Fact]
    public void Writers_refuse_buffers_that_are_too_small()
    {
        Assert.False(RtcpWriter.TryWriteSenderReport(new byte[27], 1, default, [], out _));
        Assert.False(RtcpWriter.TryWriteReceiverReport(new byte[31], 1, [s_block], out _));
        Assert.False(RtcpWriter.TryWriteSourceDescription(new byte[12], 1, "abcd"u8, out _));
        Assert.False(RtcpWriter.TryWriteGoodbye(new byte[7], [1], out _));
    }

    [Fact]
    public void Random_datagrams_never_throw()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            RtcpCompoundReader.IsValidCompound(bytes);
            var reader = new RtcpCompoundReader(bytes);
            while (reader.TryReadNext(out RtcpPacket packet))
            {
                for (int i = 0; i < packet.ReportBlockCount; i++)
                {
                    packet.GetReportBlock(i);
                }

                packet.TryGetSenderInfo(out _);
                packet.TryGetCname(out _, out _);
                if (packet.Type == RtcpPacketType.Goodbye)
                {
                    for (int i = 0; i < packet.Count; i++)
                    {
                        packet.GetGoodbyeSsrc(i);
                    }
                }
            }
        });
    }
}
