using Telepath.Media.Rtp;

namespace Telepath.Media.Tests.Rtp;

/// <summary>RFC 4733 §2.5.1 sender behaviour: marker on the first packet, growing duration, three end packets.</summary>
public sealed class Rfc4733DtmfEncoderTests
{
    /// <summary>RFC 4733 §2.5.1: one timestamp for the event, updates every interval, the end packet three times.</summary>
    [Fact]
    public void Writes_start_updates_and_three_end_packets_with_one_timestamp()
    {
        var encoder = new Rfc4733DtmfEncoder(101, 0xCAFE);
        encoder.Start('7', TimeSpan.FromMilliseconds(100), rtpTimestamp: 4000, firstSequenceNumber: 65534);
        var buffer = new byte[64];
        var packets = new List<(bool Marker, ushort Seq, uint Ts, byte Code, bool End, int Duration, TimeSpan At)>();
        while (encoder.TryWriteNext(buffer, out int written, out TimeSpan at))
        {
            Assert.Equal(16, written);
            Assert.True(RtpHeader.TryParse(buffer.AsSpan(0, written), out RtpHeader h));
            ReadOnlySpan<byte> p = h.Payload;
            packets.Add((h.Marker, h.SequenceNumber, h.Timestamp, p[0], (p[1] & 0x80) != 0, (p[2] << 8) | p[3], at));
            Assert.Equal((byte)101, h.PayloadType);
            Assert.Equal(0xCAFEu, h.Ssrc);
        }

        Assert.Equal(7, packets.Count);
        Assert.True(packets[0].Marker);
        Assert.All(packets.Skip(1), p => Assert.False(p.Marker));
        Assert.All(packets, p => Assert.Equal(4000u, p.Ts));
        Assert.All(packets, p => Assert.Equal((byte)7, p.Code));
        Assert.Equal(new ushort[] { 65534, 65535, 0, 1, 2, 3, 4 }, packets.Select(p => p.Seq));
        Assert.Equal(new[] { 160, 320, 480, 640, 800, 800, 800 }, packets.Select(p => p.Duration));
        Assert.Equal(new[] { false, false, false, false, true, true, true }, packets.Select(p => p.End));
        Assert.Equal(new[] { 0, 20, 40, 60, 100, 120, 140 }, packets.Select(p => (int)p.At.TotalMilliseconds));
        Assert.Equal((ushort)5, encoder.NextSequenceNumber);
    }

    [Fact]
    public void Encoder_output_decodes_to_the_same_key_press()
    {
        var encoder = new Rfc4733DtmfEncoder(101, 1);
        var decoder = new Rfc4733DtmfDecoder();
        var buffer = new byte[16];
        var pressed = new List<DtmfEvent>();
        foreach (char digit in "159#D")
        {
            encoder.Start(digit, TimeSpan.FromMilliseconds(250), rtpTimestamp: (uint)(digit * 1000), firstSequenceNumber: encoder.NextSequenceNumber);
            while (encoder.TryWriteNext(buffer, out int written, out _))
            {
                RtpHeader.TryParse(buffer.AsSpan(0, written), out RtpHeader h);
                if (decoder.Decode(h.Payload, h.Timestamp, out DtmfEvent ev) == DtmfDecodeStatus.Ended)
                {
                    pressed.Add(ev);
                }
            }
        }

        Assert.Equal("159#D", new string(pressed.Select(e => e.Digit).ToArray()));
        Assert.All(pressed, e => Assert.Equal(TimeSpan.FromMilliseconds(250), e.Duration));
    }

    [Fact]
    public void Rejects_non_dtmf_keys_and_durations_beyond_the_16_bit_field()
    {
        var encoder = new Rfc4733DtmfEncoder(101, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Start('x', TimeSpan.FromMilliseconds(100), 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Start('1', TimeSpan.FromSeconds(9), 0, 0));
        Assert.False(encoder.TryWriteNext(new byte[16], out _, out _));
    }
}
