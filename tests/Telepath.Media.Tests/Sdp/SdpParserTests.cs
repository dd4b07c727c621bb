using System.Net;
using System.Text;
using CsCheck;
using Telepath.Media.Sdp;

namespace Telepath.Media.Tests.Sdp;

/// <summary>Parsing of real offer shapes and rejection of hostile bodies (RFC 4566).</summary>
public sealed class SdpParserTests
{
    [Fact]
    public void Parses_sipp_uac_offer_with_bare_lf_line_ends()
    {
        var result = SdpParser.Parse(SdpSamples.SippUac);

        Assert.True(result.IsSuccess, result.Reason);
        var sdp = result.Description;
        Assert.Equal("user1", sdp.Origin.Username);
        Assert.Equal("53655765", sdp.Origin.SessionId);
        Assert.Equal(2353687637UL, sdp.Origin.SessionVersion);
        Assert.Equal("-", sdp.SessionName);
        Assert.Equal(IPAddress.Loopback, sdp.Connection!.Address);
        var media = Assert.Single(sdp.Media);
        Assert.Equal("audio", media.Media);
        Assert.Equal(6000, media.Port);
        Assert.Equal("RTP/AVP", media.Protocol);
        Assert.Equal(["0"], media.Formats);
        Assert.Equal(new SdpRtpMap(0, "PCMU", 8000), media.GetRtpMap(0));
    }

    [Fact]
    public void Parses_twilio_like_offer_with_telephone_event_ptime_and_direction()
    {
        var result = SdpParser.Parse(Encoding.UTF8.GetBytes(SdpSamples.TwilioLike));

        Assert.True(result.IsSuccess, result.Reason);
        var media = Assert.Single(result.Description.Media);
        Assert.Equal(["0", "8", "101"], media.Formats);
        Assert.Equal(new SdpRtpMap(101, "telephone-event", 8000), media.GetRtpMap(101));
        Assert.Equal("0-16", media.GetFormatParameters(101));
        Assert.Equal(20, media.Ptime);
        Assert.Equal(150, media.MaxPtime);
        Assert.Equal(SdpDirection.SendRecv, media.Direction);
        Assert.Equal("Twilio Media Gateway", result.Description.SessionName);
    }

    [Fact]
    public void Parses_asterisk_like_offer_with_rtcp_attribute_and_multichannel_rtpmap()
    {
        var result = SdpParser.Parse(SdpSamples.AsteriskLike);

        Assert.True(result.IsSuccess, result.Reason);
        var media = Assert.Single(result.Description.Media);
        Assert.Equal(6, media.Formats.Count);
        Assert.Equal(10005, media.RtcpPort);
        Assert.Equal(new SdpRtpMap(111, "opus", 48000, 2), media.GetRtpMap(111));
        Assert.Equal("useinbandfec=1", media.GetFormatParameters(111));
        Assert.Null(media.GetRtpMap(18));
    }

    [Fact]
    public void Parses_ipv6_offer_and_tolerates_a_blank_session_name()
    {
        var result = SdpParser.Parse(SdpSamples.IPv6);

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal(IPAddress.Parse("2001:db8::1"), result.Description.Connection!.Address);
        Assert.Equal("IP6", result.Description.Connection.AddressType);
        Assert.Equal("IP6", result.Description.Origin.AddressType);
        Assert.Equal(" ", result.Description.SessionName);
    }

    [Fact]
    public void Parses_video_and_audio_offer_keeping_session_bandwidth_and_attributes()
    {
        var result = SdpParser.Parse(SdpSamples.VideoAndAudio);

        Assert.True(result.IsSuccess, result.Reason);
        var sdp = result.Description;
        Assert.Equal(2, sdp.Media.Count);
        Assert.Equal("video", sdp.Media[0].Media);
        Assert.Equal("audio", sdp.Media[1].Media);
        Assert.Equal(new SdpBandwidth("AS", 380), Assert.Single(sdp.Bandwidths));
        Assert.Equal(new SdpAttribute("rtcp-xr", "rcvr-rtt=all:10000"), Assert.Single(sdp.Attributes));
    }

    [Fact]
    public void Keeps_unknown_line_types_and_attributes()
    {
        const string Text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\ni=info\r\nx=unknown\r\nt=0 0\r\n" +
            "m=audio 4000 RTP/AVP 0\r\ni=media info\r\na=foo-bar\r\na=weird:value:with:colons\r\n";

        var result = SdpParser.Parse(Text);

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Contains(new SdpLine('i', "info"), result.Description.OtherLines);
        Assert.Contains(new SdpLine('x', "unknown"), result.Description.OtherLines);
        var media = result.Description.Media[0];
        Assert.Contains(new SdpLine('i', "media info"), media.OtherLines);
        Assert.Equal([new SdpAttribute("foo-bar"), new SdpAttribute("weird", "value:with:colons")], media.Attributes);
    }

    [Fact]
    public void Media_connection_overrides_session_connection()
    {
        const string Text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n" +
            "m=audio 4000 RTP/AVP 0\r\nc=IN IP4 192.0.2.99\r\nm=audio 4002 RTP/AVP 0\r\n";

        var sdp = SdpParser.Parse(Text).Description!;

        Assert.Equal(IPAddress.Parse("192.0.2.99"), sdp.GetEffectiveConnection(sdp.Media[0])!.Address);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), sdp.GetEffectiveConnection(sdp.Media[1])!.Address);
    }

    [Fact]
    public void Rejects_body_larger_than_the_limit()
    {
        var huge = SdpSamples.TwilioLike + new string('a', 1) + string.Concat(Enumerable.Repeat("a=x-padding:0123456789\r\n", 1000));

        var result = SdpParser.Parse(huge);

        Assert.Equal(SdpParseError.TooLarge, result.Error);
        Assert.False(result.IsSuccess);
    }

    [Fact]
    public void Rejects_more_media_descriptions_than_the_limit()
    {
        var text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n" +
            string.Concat(Enumerable.Repeat("m=audio 4000 RTP/AVP 0\r\n", 17));

        var result = SdpParser.Parse(text);

        Assert.Equal(SdpParseError.TooManyMediaDescriptions, result.Error);
        Assert.Equal(22, result.LineNumber);
    }

    [Fact]
    public void Rejects_more_lines_than_the_limit()
    {
        var text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nm=audio 4000 RTP/AVP 0\r\n" +
            string.Concat(Enumerable.Repeat("a=x\n", 600));

        Assert.Equal(SdpParseError.TooManyLines, SdpParser.Parse(text).Error);
    }

    [Fact]
    public void Rejects_more_formats_than_the_limit()
    {
        var formats = string.Join(' ', Enumerable.Range(0, 65));
        var text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nm=audio 4000 RTP/AVP " + formats + "\r\n";

        Assert.Equal(SdpParseError.TooManyFormats, SdpParser.Parse(text).Error);
    }

    [Fact]
    public void Rejects_overlong_line()
    {
        var text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=" + new string('x', 3000) + "\r\nm=audio 4000 RTP/AVP 0\r\n";

        Assert.Equal(SdpParseError.LineTooLong, SdpParser.Parse(text).Error);
    }

    [Theory]
    [InlineData("m=audio 70000 RTP/AVP 0")]
    [InlineData("m=audio -1 RTP/AVP 0")]
    [InlineData("m=audio abc RTP/AVP 0")]
    [InlineData("m=audio 4000/0 RTP/AVP 0")]
    [InlineData("m=audio 000004000 RTP/AVP 0")]
    [InlineData("m=audio  RTP/AVP 0")]
    public void Rejects_bad_media_port(string mediaLine)
    {
        var text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n" + mediaLine + "\r\n";

        var result = SdpParser.Parse(text);

        Assert.False(result.IsSuccess);
        Assert.Equal(4, result.LineNumber);
        Assert.Contains(result.Error, new[] { SdpParseError.InvalidPort, SdpParseError.InvalidMedia });
    }

    [Theory]
    [InlineData("c=IN IP4 999.1.1.1")]
    [InlineData("c=IN IP4 example.com")]
    [InlineData("c=IN IP4 1")]
    [InlineData("c=IN IP4 0x7f.0.0.1")]
    [InlineData("c=IN IP4 ::1")]
    [InlineData("c=IN IP6 192.0.2.1")]
    [InlineData("c=IN IP6 fe80::1%eth0")]
    [InlineData("c=IN IP7 192.0.2.1")]
    [InlineData("c=ATM NSAP 47.0005.80")]
    [InlineData("c=IN IP4")]
    public void Rejects_bad_connection_address(string connectionLine)
    {
        var text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n" + connectionLine + "\r\nm=audio 4000 RTP/AVP 0\r\n";

        var result = SdpParser.Parse(text);

        Assert.Equal(SdpParseError.InvalidConnection, result.Error);
        Assert.Equal(4, result.LineNumber);
    }

    [Theory]
    [InlineData("o=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nm=audio 4000 RTP/AVP 0\r\n", SdpParseError.MissingVersion)]
    [InlineData("v=1\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nm=audio 4000 RTP/AVP 0\r\n", SdpParseError.UnsupportedVersion)]
    [InlineData("v=0\r\ns=-\r\nm=audio 4000 RTP/AVP 0\r\n", SdpParseError.MissingOrigin)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\nm=audio 4000 RTP/AVP 0\r\n", SdpParseError.MissingSessionName)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n", SdpParseError.MissingMedia)]
    [InlineData("v=0\r\no=- 1 x IN IP4 192.0.2.1\r\ns=-\r\nm=audio 4000 RTP/AVP 0\r\n", SdpParseError.InvalidOrigin)]
    [InlineData("v=0\r\no=- 1 1 IN IP4\r\ns=-\r\nm=audio 4000 RTP/AVP 0\r\n", SdpParseError.InvalidOrigin)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nm=audio 4000 RTP/AVP 0\r\n", SdpParseError.UnexpectedLine)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nm=audio 4000 RTP/AVP 0\r\ns=again\r\n", SdpParseError.UnexpectedLine)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nthis is not sdp\r\n", SdpParseError.MalformedLine)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nM=audio 4000 RTP/AVP 0\r\n", SdpParseError.MalformedLine)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nm=audio 4000 RTP/AVP 0\r\na=\r\n", SdpParseError.MalformedLine)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=a\0b\r\nm=audio 4000 RTP/AVP 0\r\n", SdpParseError.MalformedLine)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nb=AS\r\nm=audio 4000 RTP/AVP 0\r\n", SdpParseError.InvalidBandwidth)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=now\r\nm=audio 4000 RTP/AVP 0\r\n", SdpParseError.InvalidTiming)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nm=audio 4000 RTP/AVP\r\n", SdpParseError.InvalidMedia)]
    [InlineData("", SdpParseError.MissingVersion)]
    public void Rejects_malformed_body_with_a_reason(string text, SdpParseError expected)
    {
        var result = SdpParser.Parse(text);

        Assert.False(result.IsSuccess);
        Assert.Equal(expected, result.Error);
        Assert.StartsWith(expected.ToString(), result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_a_rejected_stream_without_formats()
    {
        var result = SdpParser.Parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nm=video 0 RTP/AVP\r\n");

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Empty(result.Description.Media[0].Formats);
    }

    [Fact]
    public void Random_text_never_throws()
    {
        Gen.String.Sample(text =>
        {
            var result = SdpParser.Parse(text);
            Assert.True(result.IsSuccess || result.Error != SdpParseError.None);
        });
    }

    [Fact]
    public void Random_sdp_like_text_never_throws()
    {
        var alphabet = Gen.Char["vosctmab=\r\n :/.0123456789INP46AVrtpmaPCMU-"];
        var line = Gen.OneOf(
            Gen.Const("v=0\r\n"),
            Gen.Const("o=- 1 1 IN IP4 192.0.2.1\r\n"),
            Gen.Const("s=-\r\n"),
            Gen.Const("m=audio 4000 RTP/AVP 0 8\r\n"),
            Gen.String[alphabet, 0, 40]);
        line.Array[0, 30].Select(lines => string.Concat(lines)).Sample(text =>
        {
            var result = SdpParser.Parse(text);
            Assert.True(result.IsSuccess || result.Error != SdpParseError.None);
        });
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        Gen.Byte.Array[0, 600].Sample(bytes =>
        {
            var result = SdpParser.Parse(bytes);
            Assert.True(result.IsSuccess || result.Error != SdpParseError.None);
        });
    }
}
