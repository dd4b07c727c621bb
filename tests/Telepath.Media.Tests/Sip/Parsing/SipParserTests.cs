using System.Text;
using Telepath.Media.Sip.Message;
using Telepath.Media.Sip.Parsing;
using Telepath.Media.Tests.Sip.Corpus;

namespace Telepath.Media.Tests.Sip.Parsing;

/// <summary>Parsing realistic messages and the RFC 3261 §18.3 framing rules for datagrams and streams.</summary>
public sealed class SipParserTests
{
    private static SipParseResult ParseDatagram(string text) =>
        SipParser.Parse(Encoding.UTF8.GetBytes(text), SipFraming.Datagram, SipParserLimits.Default);

    private static SipParseResult ParseStream(string text) =>
        SipParser.Parse(Encoding.UTF8.GetBytes(text), SipFraming.Stream, SipParserLimits.Default);

    [Theory]
    [MemberData(nameof(SipSamples.All), MemberType = typeof(SipSamples))]
    public void Parses_every_sample_completely_in_both_framings(string name, string text)
    {
        SipParseResult datagram = ParseDatagram(text);
        SipParseResult stream = ParseStream(text);

        Assert.True(datagram.Status == SipParseStatus.Complete, $"{name}: {datagram.Error}");
        Assert.Equal(SipParseStatus.Complete, stream.Status);
        Assert.Equal(Encoding.UTF8.GetByteCount(text), stream.Consumed);
        Assert.Equal(Encoding.UTF8.GetByteCount(text), datagram.Consumed);
    }

    [Fact]
    public void Parses_sipp_invite_start_line_headers_and_body()
    {
        SipParseResult result = ParseDatagram(SipSamples.SippInvite);

        SipRequest request = Assert.IsType<SipRequest>(result.Message);
        Assert.Equal(SipMethod.Invite, request.Method);
        Assert.Equal("sip:service@127.0.0.1:5060", request.RawRequestUri);
        Assert.Equal("service", request.RequestUri!.User);
        Assert.Equal(5060, request.RequestUri.Port);
        Assert.Equal("1-4242@127.0.0.1", request.CallId);
        Assert.Equal(new CSeqHeader(1, SipMethod.Invite), request.CSeq);
        Assert.Equal("4242SIPpTag001", request.From!.Tag);
        Assert.Null(request.To!.Tag);
        Assert.Equal(70, request.MaxForwards);
        Assert.Equal("z9hG4bK-4242-1-0", request.TopVia!.Branch);
        Assert.Equal("application/sdp", request.ContentType);
        Assert.Equal(SipSamples.SdpOffer, Encoding.UTF8.GetString(request.Body.Span));
        Assert.Equal(request.Body.Length, request.ContentLength);
        Assert.Equal("sip:sipp@127.0.0.1:5061", request.Contact!.Uri.ToString());
    }

    [Fact]
    public void Parses_carrier_invite_with_two_vias_record_route_and_phone_numbers()
    {
        var request = (SipRequest)ParseDatagram(SipSamples.CarrierInvite).Message!;

        List<ViaHeader> vias = request.GetVias()!;
        Assert.Equal(2, vias.Count);
        Assert.True(vias[0].HasRport);
        Assert.Null(vias[0].Rport);
        Assert.Equal(5060, vias[1].Rport);
        Assert.Equal("127.0.0.11", vias[1].Received);
        Assert.Equal(["<sip:127.0.0.10;lr;r2=on;ftag=as5f3c1d2e>", "<sip:127.0.0.11:5060;transport=udp;lr>"], request.Headers.GetValues("Record-Route"));
        Assert.Equal("+14155550100", request.RequestUri!.User);
        Assert.Equal("phone", request.RequestUri.Parameters.Get("user"));
        Assert.Equal("+1 (650) 555-0199", request.From!.DisplayName);
        Assert.Equal(9, request.Headers.GetValues("Allow").Count);
        Assert.Equal("CA0123456789abcdef0123456789abcdef", request.Headers.Get("x-carrier-callsid"));
    }

    [Fact]
    public void Expands_compact_headers_joins_folded_lines_and_parses_ipv6()
    {
        var request = (SipRequest)ParseDatagram(SipSamples.PbxInvite).Message!;

        Assert.Equal("[::1]", request.RequestUri!.Host);
        Assert.Equal("[::1]", request.TopVia!.Host);
        Assert.Equal(5070, request.TopVia.Port);
        Assert.Equal("Reception Desk", request.From!.DisplayName);
        Assert.Equal("5b1c9e2a-3d4f-4a6b-8c7d-9e0f1a2b3c4d", request.CallId);
        Assert.Equal("Call from reception to the AI agent", request.Headers.Get("Subject"));
        Assert.Equal(["replaces", "100rel", "timer", "norefersub"], request.Headers.GetValues(SipHeaderNames.Supported));
        Assert.Contains(request.Headers, f => f.Name == "Content-Type");
        Assert.Contains(request.Headers, f => f.Name == "Content-Length");
        Assert.Equal("ob", request.Contact!.Uri.Parameters[0].Name);
    }

    [Fact]
    public void Parses_response_status_line_and_to_tag()
    {
        SipResponse response = Assert.IsType<SipResponse>(ParseDatagram(SipSamples.Ok200).Message);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("OK", response.ReasonPhrase);
        Assert.Equal("9f8e7d6c5b4a39281706f5e4", response.To!.Tag);
        Assert.Equal(5061, response.TopVia!.Rport);
    }

    [Fact]
    public void Accepts_bare_lf_line_endings()
    {
        string text = SipSamples.Bye.Replace("\r\n", "\n", StringComparison.Ordinal);

        SipParseResult result = ParseStream(text);

        Assert.Equal(SipParseStatus.Complete, result.Status);
        Assert.Equal("1-4242@127.0.0.1", result.Message!.CallId);
        Assert.Equal(text.Length, result.Consumed);
    }

    /// <summary>RFC 3261 §7.5: CRLFs before the start line are ignored.</summary>
    [Fact]
    public void Skips_crlf_before_the_start_line_and_counts_it_as_consumed()
    {
        SipParseResult result = ParseStream("\r\n\r\n" + SipSamples.Bye);

        Assert.Equal(SipParseStatus.Complete, result.Status);
        Assert.Equal(4 + SipSamples.Bye.Length, result.Consumed);
    }

    /// <summary>RFC 3261 §18.3: on UDP a missing Content-Length means the body runs to the end of the datagram.</summary>
    [Fact]
    public void Datagram_without_content_length_takes_the_rest_as_body()
    {
        string text = "MESSAGE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nContent-Type: text/plain\r\n\r\nhello";

        SipParseResult result = ParseDatagram(text);

        Assert.Equal("hello", Encoding.UTF8.GetString(result.Message!.Body.Span));
    }

    /// <summary>RFC 3261 §18.3: bytes beyond Content-Length in a datagram are discarded.</summary>
    [Fact]
    public void Datagram_ignores_bytes_after_content_length()
    {
        string text = "MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 2\r\n\r\nhello";

        SipParseResult result = ParseDatagram(text);

        Assert.Equal("he", Encoding.UTF8.GetString(result.Message!.Body.Span));
        Assert.Equal(text.Length, result.Consumed);
    }

    /// <summary>RFC 3261 §18.3: a datagram shorter than its Content-Length is a truncated message and is rejected.</summary>
    [Fact]
    public void Datagram_with_content_length_beyond_its_end_is_invalid()
    {
        SipParseResult result = ParseDatagram("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 50\r\n\r\nhello");

        Assert.Equal(SipParseStatus.Invalid, result.Status);
        Assert.Equal("Content-Length exceeds datagram size", result.Error);
    }

    /// <summary>RFC 3261 §18.3: Content-Length is mandatory on stream transports.</summary>
    [Fact]
    public void Stream_message_without_content_length_is_invalid()
    {
        SipParseResult result = ParseStream("OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\n\r\n");

        Assert.Equal(SipParseStatus.Invalid, result.Status);
        Assert.Equal("Missing Content-Length header", result.Error);
    }

    [Fact]
    public void Stream_leaves_the_next_message_unconsumed()
    {
        string text = SipSamples.Bye + SipSamples.Cancel;

        SipParseResult result = ParseStream(text);

        Assert.Equal(SipSamples.Bye.Length, result.Consumed);
        Assert.Equal(SipMethod.Bye, ((SipRequest)result.Message!).Method);
    }

    [Fact]
    public void Rejects_message_over_the_header_count_limit()
    {
        var limits = SipParserLimits.Default with { MaxHeaderCount = 5 };
        byte[] bytes = SipSamples.Bytes(SipSamples.SippInvite);

        SipParseResult result = SipParser.Parse(bytes, SipFraming.Datagram, limits);

        Assert.Equal("Too many header fields", result.Error);
    }

    [Fact]
    public void Rejects_header_line_over_the_limit_even_before_it_ends()
    {
        var limits = SipParserLimits.Default with { MaxHeaderLineBytes = 64 };
        string text = "OPTIONS sip:a@b SIP/2.0\r\nX-Long: " + new string('a', 100);

        SipParseResult result = SipParser.Parse(Encoding.ASCII.GetBytes(text), SipFraming.Stream, limits);

        Assert.Equal(SipParseStatus.Invalid, result.Status);
        Assert.Equal("Header line too long", result.Error);
    }

    [Fact]
    public void Rejects_stream_message_whose_headers_never_end_within_the_message_limit()
    {
        var limits = SipParserLimits.Default with { MaxMessageBytes = 256 };
        var text = new StringBuilder("OPTIONS sip:a@b SIP/2.0\r\n");
        while (text.Length < 300)
        {
            text.Append("X-Filler: 0123456789\r\n");
        }

        SipParseResult result = SipParser.Parse(Encoding.ASCII.GetBytes(text.ToString()), SipFraming.Stream, limits);

        Assert.Equal("Message too large", result.Error);
    }

    [Fact]
    public void Rejects_stream_body_over_the_limit_before_it_arrives()
    {
        var limits = SipParserLimits.Default with { MaxStreamBodyBytes = 1000 };

        SipParseResult result = SipParser.Parse("MESSAGE sip:a@b SIP/2.0\r\nl: 5000\r\n\r\n"u8, SipFraming.Stream, limits);

        Assert.Equal("Message body too large", result.Error);
    }

    [Fact]
    public void Rejects_datagram_body_over_the_datagram_limit()
    {
        string text = "MESSAGE sip:a@b SIP/2.0\r\n\r\n" + new string('x', 17 * 1024);

        Assert.Equal("Message body too large", ParseDatagram(text).Error);
    }

    [Fact]
    public void Keeps_latin1_display_name_from_legacy_peers()
    {
        byte[] head = Encoding.ASCII.GetBytes("BYE sip:a@b SIP/2.0\r\nFrom: \"Jos");
        byte[] tail = Encoding.ASCII.GetBytes("\" <sip:j@b>;tag=1\r\nContent-Length: 0\r\n\r\n");
        byte[] bytes = [.. head, 0xE9, .. tail];

        SipParseResult result = SipParser.Parse(bytes, SipFraming.Stream, SipParserLimits.Default);

        Assert.Equal("Jos\u00e9", result.Message!.From!.DisplayName);
    }

    [Fact]
    public void Known_methods_are_recognised_and_extension_methods_kept()
    {
        var request = (SipRequest)ParseDatagram("PUBLISH sip:a@b SIP/2.0\r\n\r\n").Message!;
        var lower = (SipRequest)ParseDatagram("invite sip:a@b SIP/2.0\r\n\r\n").Message!;

        Assert.Equal(SipMethodKind.Extension, request.Method.Kind);
        Assert.Equal("PUBLISH", request.Method.Name);
        Assert.Equal(SipMethodKind.Extension, lower.Method.Kind);
    }
}
