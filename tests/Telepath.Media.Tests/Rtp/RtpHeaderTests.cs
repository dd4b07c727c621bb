using CsCheck;
using Telepath.Media.Rtp;

namespace Telepath.Media.Tests.Rtp;

/// <summary>RFC 3550 §5.1 fixed header parsing, with CSRC list, extension and padding bounds.</summary>
public sealed class RtpHeaderTests
{
    [Fact]
    public void Parses_fixed_header_fields()
    {
        byte[] packet = [0x80, 0x80 | 8, 0xFF, 0xFE, 0x12, 0x34, 0x56, 0x78, 0xDE, 0xAD, 0xBE, 0xEF, 1, 2, 3];

        Assert.True(RtpHeader.TryParse(packet, out RtpHeader header));
        Assert.Equal(2, header.Version);
        Assert.True(header.Marker);
        Assert.Equal((byte)8, header.PayloadType);
        Assert.Equal((ushort)0xFFFE, header.SequenceNumber);
        Assert.Equal(0x12345678u, header.Timestamp);
        Assert.Equal(0xDEADBEEFu, header.Ssrc);
        Assert.Equal(12, header.HeaderLength);
        Assert.Equal(new byte[] { 1, 2, 3 }, header.Payload.ToArray());
    }

    /// <summary>RFC 3550 §5.1 and §5.3.1: the CSRC list and the extension precede the payload; padding trails it.</summary>
    [Fact]
    public void Skips_csrc_list_and_extension_and_strips_padding()
    {
        byte[] packet =
        [
            0x80 | 0x20 | 0x10 | 2, 0, 0, 1, 0, 0, 0, 160, 0, 0, 0, 9,
            0, 0, 0, 0x11, 0, 0, 0, 0x22,
            0xBE, 0xDE, 0, 1, 0xAA, 0xBB, 0xCC, 0xDD,
            7, 7, 0, 0, 3,
        ];

        Assert.True(RtpHeader.TryParse(packet, out RtpHeader header));
        Assert.Equal(2, header.CsrcCount);
        Assert.Equal(0x22u, header.GetCsrc(1));
        Assert.Equal((ushort)0xBEDE, header.ExtensionProfile);
        Assert.Equal(28, header.HeaderLength);
        Assert.Equal(new byte[] { 7, 7 }, header.Payload.ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 0x81, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0xBE, 0xDE })]
    [InlineData(new byte[] { 0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0xBE, 0xDE, 0, 2, 1, 2, 3, 4 })]
    [InlineData(new byte[] { 0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0 })]
    [InlineData(new byte[] { 0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3 })]
    public void Rejects_malformed_packets(byte[] packet)
    {
        Assert.False(RtpHeader.TryParse(packet, out _));
    }

    [Fact]
    public void Random_bytes_never_throw_and_parsed_bounds_stay_inside_the_packet()
    {
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            if (RtpHeader.TryParse(bytes, out RtpHeader header))
            {
                Assert.InRange(header.HeaderLength + header.PayloadLength, 12, bytes.Length);
                Assert.Equal(header.PayloadLength, header.Payload.Length);
            }
        });
    }

    [Fact]
    public void Writer_output_parses_back_to_the_same_fields()
    {
        Gen.Select(Gen.Bool, Gen.Byte[0, 127], Gen.UShort, Gen.UInt, Gen.UInt, Gen.Byte.Array[0, 320]).Sample(
            (marker, pt, seq, ts, ssrc, payload) =>
            {
                byte[] buffer = new byte[400];
                Assert.True(RtpPacketWriter.TryWrite(buffer, marker, pt, seq, ts, ssrc, payload, out int written));
                Assert.True(RtpHeader.TryParse(buffer.AsSpan(0, written), out RtpHeader header));
                Assert.Equal(marker, header.Marker);
                Assert.Equal(pt, header.PayloadType);
                Assert.Equal(seq, header.SequenceNumber);
                Assert.Equal(ts, header.Timestamp);
                Assert.Equal(ssrc, header.Ssrc);
                Assert.True(header.Payload.SequenceEqual(payload));
            });
    }

    [Fact]
    public void Writer_refuses_short_buffers_and_invalid_payload_types()
    {
        Assert.False(RtpPacketWriter.TryWrite(new byte[20], false, 0, 1, 2, 3, new byte[160], out int written));
        Assert.Equal(0, written);
        Assert.False(RtpPacketWriter.TryWriteHeader(new byte[11], false, 0, 1, 2, 3));
        Assert.False(RtpPacketWriter.TryWriteHeader(new byte[12], false, 128, 1, 2, 3));
    }
}
