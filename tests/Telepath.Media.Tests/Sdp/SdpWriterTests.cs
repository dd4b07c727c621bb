using System.Net;
using Telepath.Media.Sdp;

namespace Telepath.Media.Tests.Sdp;

/// <summary>Serialisation order and round trips (RFC 4566 §5).</summary>
public sealed class SdpWriterTests
{
    [Theory]
    [InlineData(SdpSamples.SippUac)]
    [InlineData(SdpSamples.TwilioLike)]
    [InlineData(SdpSamples.AsteriskLike)]
    [InlineData(SdpSamples.IPv6)]
    [InlineData(SdpSamples.VideoAndAudio)]
    public void Parse_write_parse_is_stable(string offer)
    {
        var first = SdpWriter.Write(SdpParser.Parse(offer).Description!);
        var reparsed = SdpParser.Parse(first);

        Assert.True(reparsed.IsSuccess, reparsed.Reason);
        Assert.Equal(first, SdpWriter.Write(reparsed.Description));
    }

    [Fact]
    public void Carrier_offer_written_in_rfc_order_is_reproduced_byte_for_byte()
    {
        Assert.Equal(SdpSamples.TwilioLike, SdpWriter.Write(SdpParser.Parse(SdpSamples.TwilioLike).Description!));
        Assert.Equal(SdpSamples.AsteriskLike, SdpWriter.Write(SdpParser.Parse(SdpSamples.AsteriskLike).Description!));
    }

    [Fact]
    public void Writes_crlf_and_the_rfc_4566_line_order_whatever_the_input_order()
    {
        const string Shuffled = "v=0\no=- 7 9 IN IP4 192.0.2.1\ns=x\na=tool:test\nt=0 0\nc=IN IP4 192.0.2.1\nk=prompt\n" +
            "i=about\nm=audio 4000 RTP/AVP 0\na=sendonly\nc=IN IP4 192.0.2.2\ni=media\n";

        var written = SdpWriter.Write(SdpParser.Parse(Shuffled).Description!);

        Assert.Equal(
            "v=0\r\no=- 7 9 IN IP4 192.0.2.1\r\ns=x\r\ni=about\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nk=prompt\r\na=tool:test\r\n" +
            "m=audio 4000 RTP/AVP 0\r\ni=media\r\nc=IN IP4 192.0.2.2\r\na=sendonly\r\n",
            written);
    }

    [Fact]
    public void Writes_default_timing_and_ipv6_connection()
    {
        var sdp = new SessionDescription(new SdpOrigin("-", "1", 2, "IN", "IP6", "2001:db8::5"), "-")
        {
            Connection = new SdpConnection(IPAddress.Parse("2001:db8::5")),
            Media = [new SdpMediaDescription("audio", 5000, 2, "RTP/AVP", ["0"])],
        };

        Assert.Equal(
            "v=0\r\no=- 1 2 IN IP6 2001:db8::5\r\ns=-\r\nc=IN IP6 2001:db8::5\r\nt=0 0\r\nm=audio 5000/2 RTP/AVP 0\r\n",
            SdpWriter.Write(sdp));
    }
}
