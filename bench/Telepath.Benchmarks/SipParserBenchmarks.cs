using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Telepath.Media.Sip.Message;
using Telepath.Media.Sip.Parsing;

namespace Telepath.Benchmarks;

/// <summary>
/// Cost of turning a typical carrier INVITE (11 headers, SDP body) into a message, of validating it, and of
/// writing the 200 OK. The message model allocates by design (strings per header); the numbers keep it honest.
/// </summary>
[MemoryDiagnoser]
public class SipParserBenchmarks
{
    private const string Sdp =
        "v=0\r\no=- 3912371947 3912371947 IN IP4 127.0.0.11\r\ns=-\r\nc=IN IP4 127.0.0.11\r\nt=0 0\r\n"
        + "m=audio 16384 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
        + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n";

    private readonly ArrayBufferWriter<byte> _output = new(2048);
    private byte[] _invite = [];
    private SipRequest _request = null!;

    /// <summary>Builds the INVITE bytes once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string headers =
            "INVITE sip:+14155550100@127.0.0.1:5060;user=phone SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.11:5060;branch=z9hG4bK7f1c2a9e8b4d1c;rport\r\n"
            + "Record-Route: <sip:127.0.0.11;lr>\r\n"
            + "Max-Forwards: 69\r\n"
            + "From: \"+16505550199\" <sip:+16505550199@carrier.example;user=phone>;tag=as5f3c1d2e\r\n"
            + "To: <sip:+14155550100@pbx.example;user=phone>\r\n"
            + "Call-ID: 7c2a1d9e4b5f6a7b8c9d0e1f2a3b4c5d@carrier.example\r\n"
            + "CSeq: 102 INVITE\r\n"
            + "Contact: <sip:+16505550199@127.0.0.11:5060;transport=udp>\r\n"
            + "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, UPDATE, REFER, NOTIFY\r\n"
            + "User-Agent: CarrierEdge/2.7\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: " + Encoding.ASCII.GetByteCount(Sdp) + "\r\n\r\n";
        _invite = Encoding.ASCII.GetBytes(headers + Sdp);
        _request = (SipRequest)SipParser.Parse(_invite, SipFraming.Datagram, SipParserLimits.Default).Message!;
    }

    /// <summary>Parse the INVITE as a UDP datagram.</summary>
    [Benchmark(Baseline = true)]
    public object? ParseInviteDatagram() => SipParser.Parse(_invite, SipFraming.Datagram, SipParserLimits.Default).Message;

    /// <summary>Parse the INVITE from a TCP stream buffer through the framer.</summary>
    [Benchmark]
    public object? FrameInviteStream() => SipStreamFramer.Read(_invite, SipParserLimits.Default).Message;

    /// <summary>Parse and validate, as the UDP receive path does before the transaction layer.</summary>
    [Benchmark]
    public object? ParseAndValidateInvite()
    {
        var request = (SipRequest)SipParser.Parse(_invite, SipFraming.Datagram, SipParserLimits.Default).Message!;
        return SipRequestValidator.Validate(request);
    }

    /// <summary>Build and serialise a 180 Ringing with a To-tag into a reused buffer.</summary>
    [Benchmark]
    public int BuildAndWriteRinging()
    {
        _output.ResetWrittenCount();
        SipResponse response = SipResponseBuilder.Create(_request, SipStatusCodes.Ringing, toTag: "9f8e7d6c5b4a");
        SipWriter.Write(response, _output);
        return _output.WrittenCount;
    }
}
