using System.Buffers;
using System.Text;
using Telepath.Media.Sip.Message;
using Telepath.Media.Sip.Parsing;
using Telepath.Media.Tests.Sip.Corpus;

namespace Telepath.Media.Tests.Sip.Parsing;

/// <summary>Serialisation: full header names, CRLF, and a Content-Length that always matches the body.</summary>
public sealed class SipWriterTests
{
    [Fact]
    public void Writes_full_header_names_crlf_and_unfolded_values()
    {
        SipMessage message = SipParser.Parse(SipSamples.Bytes(SipSamples.PbxInvite), SipFraming.Datagram, SipParserLimits.Default).Message!;

        string text = SipWriter.ToText(message);

        Assert.StartsWith("INVITE sip:agent@[::1]:5060 SIP/2.0\r\nVia: SIP/2.0/UDP [::1]:5070;rport;", text, StringComparison.Ordinal);
        Assert.Contains("\r\nFrom: \"Reception Desk\" <sip:1001@[::1]>;tag=3f5a9c1b-77e2\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nCall-ID: 5b1c9e2a", text, StringComparison.Ordinal);
        Assert.Contains("\r\nSubject: Call from reception to the AI agent\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\nv:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\n ", text, StringComparison.Ordinal);
        Assert.Equal(text.Split("\n").Length - 1, text.Split("\r\n").Length - 1);
    }

    /// <summary>RFC 3261 §18.3 / §20.14: Content-Length must equal the body length, whatever a caller set.</summary>
    [Fact]
    public void Recomputes_content_length_from_the_body_in_place()
    {
        var request = new SipRequest(SipMethod.Message, SipUri.Parse("sip:bob@host.example"));
        request.Headers.Add("Call-ID", "x");
        request.Headers.Add("Content-Length", "999");
        request.Headers.Add("l", "3");
        request.Headers.Add("CSeq", "1 MESSAGE");
        request.SetBody("text/plain", "hello"u8.ToArray());

        string text = SipWriter.ToText(request);

        Assert.Equal(
            "MESSAGE sip:bob@host.example SIP/2.0\r\nCall-ID: x\r\nContent-Length: 5\r\nCSeq: 1 MESSAGE\r\nContent-Type: text/plain\r\n\r\nhello",
            text);
    }

    [Fact]
    public void Appends_content_length_when_absent()
    {
        var response = new SipResponse(SipStatusCodes.Ok);
        response.Headers.Add("Call-ID", "x");

        Assert.Equal("SIP/2.0 200 OK\r\nCall-ID: x\r\nContent-Length: 0\r\n\r\n", SipWriter.ToText(response));
    }

    [Fact]
    public void Flattens_line_breaks_in_values_so_headers_cannot_be_injected()
    {
        var response = new SipResponse(SipStatusCodes.Ok);
        response.Headers.Add("Server", "Telepath\r\nVia: SIP/2.0/UDP evil");

        string text = SipWriter.ToText(response);

        Assert.DoesNotContain("\r\nVia:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_to_a_segmented_buffer_writer_identically()
    {
        SipMessage message = SipParser.Parse(SipSamples.Bytes(SipSamples.CarrierInvite), SipFraming.Datagram, SipParserLimits.Default).Message!;
        var small = new ArrayBufferWriter<byte>(1);

        SipWriter.Write(message, small);

        Assert.Equal(SipWriter.ToBytes(message), small.WrittenSpan.ToArray());
        Assert.Equal(SipSamples.CarrierInvite, Encoding.UTF8.GetString(small.WrittenSpan));
    }
}
