using CsCheck;
using Telepath.Media.Rtp;
using Telepath.Media.Tests.Support;

namespace Telepath.Media.Tests.Rtp;

/// <summary>RFC 4733 telephone-event decoding, against SIPp's captures and crafted edge cases.</summary>
public sealed class Rfc4733DtmfDecoderTests
{
    /// <summary>
    /// RFC 4733 §2.5.1.4: the end packet is sent three times; one key press must be reported once.
    /// Each SIPp capture holds one key press: 7 updates and 3 end packets, 280 ms long.
    /// </summary>
    [Theory]
    [InlineData("dtmf_2833_0.pcap", '0')]
    [InlineData("dtmf_2833_1.pcap", '1')]
    [InlineData("dtmf_2833_5.pcap", '5')]
    [InlineData("dtmf_2833_9.pcap", '9')]
    [InlineData("dtmf_2833_star.pcap", '*')]
    [InlineData("dtmf_2833_pound.pcap", '#')]
    public void Decodes_one_key_press_from_each_sipp_capture(string file, char digit)
    {
        List<DtmfEvent> events = DecodeCapture(SipTesterCaptures.GetPath(file), out int packets);

        Assert.Equal(10, packets);
        DtmfEvent only = Assert.Single(events);
        Assert.Equal(digit, only.Digit);
        Assert.Equal(TimeSpan.FromMilliseconds(280), only.Duration);
        Assert.Equal((byte)10, only.Volume);
    }

    [Fact]
    public void Decodes_all_twelve_sipp_captures_replayed_as_one_stream()
    {
        string[] names = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "star", "pound"];
        var decoder = new Rfc4733DtmfDecoder();
        var digits = new List<char>();
        foreach (string name in names)
        {
            foreach (PcapUdpPacket packet in PcapReader.ReadUdp(SipTesterCaptures.GetPath($"dtmf_2833_{name}.pcap")))
            {
                Assert.True(RtpHeader.TryParse(packet.Payload, out RtpHeader header));
                if (decoder.Decode(header.Payload, header.Timestamp, out DtmfEvent ev) == DtmfDecodeStatus.Ended)
                {
                    digits.Add(ev.Digit);
                }
            }
        }

        Assert.Equal("0123456789*#", new string(digits.ToArray()));
    }

    [Fact]
    public void Reports_start_then_end_exactly_once()
    {
        var decoder = new Rfc4733DtmfDecoder();
        Assert.Equal(DtmfDecodeStatus.Started, decoder.Decode([5, 10, 0, 160], 1000, out _));
        Assert.Equal(DtmfDecodeStatus.Continued, decoder.Decode([5, 10, 1, 64], 1000, out _));
        Assert.Equal(DtmfDecodeStatus.Ended, decoder.Decode([5, 0x80 | 10, 3, 32], 1000, out DtmfEvent ev));
        Assert.Equal(DtmfDecodeStatus.Continued, decoder.Decode([5, 0x80 | 10, 3, 32], 1000, out _));
        Assert.Equal(DtmfDecodeStatus.Continued, decoder.Decode([5, 0x80 | 10, 3, 32], 1000, out _));
        Assert.Equal('5', ev.Digit);
        Assert.Equal(TimeSpan.FromMilliseconds(100), ev.Duration);
        Assert.Equal(1000u, ev.RtpTimestamp);
    }

    /// <summary>RFC 4733 §2.5.2.2: when all end packets are lost, a new event implies the previous one ended.</summary>
    [Fact]
    public void New_event_ends_a_previous_event_whose_end_packets_were_lost()
    {
        var decoder = new Rfc4733DtmfDecoder();
        decoder.Decode([11, 10, 0, 160], 1000, out _);
        decoder.Decode([11, 10, 1, 64], 1000, out _);
        Assert.Equal(DtmfDecodeStatus.Ended, decoder.Decode([12, 10, 0, 160], 5000, out DtmfEvent ev));
        Assert.Equal('#', ev.Digit);
        Assert.Equal(TimeSpan.FromMilliseconds(40), ev.Duration);
        Assert.Equal(DtmfDecodeStatus.Ended, decoder.Decode([12, 0x80 | 10, 1, 64], 5000, out ev));
        Assert.Equal('A', ev.Digit);
    }

    [Fact]
    public void Lone_end_packet_still_counts_as_a_key_press()
    {
        var decoder = new Rfc4733DtmfDecoder();
        Assert.Equal(DtmfDecodeStatus.Ended, decoder.Decode([10, 0x80 | 7, 1, 144], 2000, out DtmfEvent ev));
        Assert.Equal('*', ev.Digit);
        Assert.Equal((byte)7, ev.Volume);
    }

    [Fact]
    public void Non_dtmf_events_and_short_payloads_report_nothing()
    {
        var decoder = new Rfc4733DtmfDecoder();
        Assert.Equal(DtmfDecodeStatus.Invalid, decoder.Decode([1, 2, 3], 1, out _));
        Assert.Equal(DtmfDecodeStatus.Continued, decoder.Decode([16, 10, 0, 160], 1, out _));
        Assert.Equal(DtmfDecodeStatus.Continued, decoder.Decode([16, 0x80 | 10, 0, 160], 1, out _));
    }

    [Fact]
    public void Random_payloads_never_throw()
    {
        var decoder = new Rfc4733DtmfDecoder();
        Gen.Select(Gen.Byte.Array[0, 8], Gen.UInt[0, 4]).Sample((payload, timestamp) =>
        {
            DtmfDecodeStatus status = decoder.Decode(payload, timestamp, out DtmfEvent ev);
            if (status == DtmfDecodeStatus.Ended)
            {
                Assert.Contains(ev.Digit, "0123456789*#ABCD");
            }
        });
    }

    private static List<DtmfEvent> DecodeCapture(string path, out int packets)
    {
        var decoder = new Rfc4733DtmfDecoder();
        var events = new List<DtmfEvent>();
        List<PcapUdpPacket> udp = PcapReader.ReadUdp(path);
        packets = udp.Count;
        foreach (PcapUdpPacket packet in udp)
        {
            Assert.True(RtpHeader.TryParse(packet.Payload, out RtpHeader header));
            Assert.Equal((byte)101, header.PayloadType);
            if (decoder.Decode(header.Payload, header.Timestamp, out DtmfEvent ev) == DtmfDecodeStatus.Ended)
            {
                events.Add(ev);
            }
        }

        return events;
    }
}
