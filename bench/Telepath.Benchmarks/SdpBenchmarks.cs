using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using Telepath.Media.Sdp;

namespace Telepath.Benchmarks;

/// <summary>Per-call SDP work for a Twilio-like offer: parse, negotiate the answer, serialise it.</summary>
[MemoryDiagnoser]
public class SdpBenchmarks
{
    private const string Offer =
        "v=0\r\n" +
        "o=root 1234567890 1234567890 IN IP4 203.0.113.5\r\n" +
        "s=Twilio Media Gateway\r\n" +
        "c=IN IP4 203.0.113.5\r\n" +
        "t=0 0\r\n" +
        "m=audio 16404 RTP/AVP 0 8 101\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-16\r\n" +
        "a=ptime:20\r\n" +
        "a=maxptime:150\r\n" +
        "a=sendrecv\r\n";

    private readonly byte[] _offerBytes = Encoding.UTF8.GetBytes(Offer);
    private readonly CodecNegotiator _negotiator = new(new CodecNegotiatorOptions());
    private readonly LocalMediaEndpoint _local = new(IPAddress.Parse("198.51.100.7"), 30000);
    private SessionDescription _offer = null!;
    private SessionDescription _answer = null!;

    /// <summary>Parses the offer and negotiates once so the single-step benchmarks have inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _offer = SdpParser.Parse(_offerBytes).Description!;
        _answer = _negotiator.Answer(_offer, _local).Answer!;
    }

    /// <summary>Parse the UTF-8 offer body.</summary>
    [Benchmark]
    public SessionDescription? Parse() => SdpParser.Parse(_offerBytes).Description;

    /// <summary>Negotiate the answer from a parsed offer.</summary>
    [Benchmark]
    public SdpNegotiationResult Negotiate() => _negotiator.Answer(_offer, _local);

    /// <summary>Serialise the answer to UTF-8.</summary>
    [Benchmark]
    public byte[] WriteAnswer() => SdpWriter.WriteUtf8(_answer);

    /// <summary>The whole per-INVITE path: parse, negotiate, write.</summary>
    [Benchmark]
    public byte[] ParseNegotiateWrite()
    {
        var offer = SdpParser.Parse(_offerBytes).Description!;
        return SdpWriter.WriteUtf8(_negotiator.Answer(offer, _local).Answer!);
    }
}
