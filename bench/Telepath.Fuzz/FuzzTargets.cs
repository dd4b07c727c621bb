using Telepath.Media.Rtp;
using Telepath.Media.Rtp.Rtcp;
using Telepath.Media.Sdp;
using Telepath.Media.Sip.Auth;
using Telepath.Media.Sip.Parsing;

namespace Telepath.Fuzz;

/// <summary>
/// One entry per parser that reads bytes from the network. A target must never throw on any input: an exception
/// is exactly what the fuzzer reports as a crash.
/// </summary>
public static class FuzzTargets
{
    /// <summary>Targets by name.</summary>
    public static readonly IReadOnlyDictionary<string, Action<ReadOnlyMemory<byte>>> All = new Dictionary<string, Action<ReadOnlyMemory<byte>>>
    {
        ["sip"] = static data =>
        {
            var datagram = SipParser.Parse(data.Span, SipFraming.Datagram, SipParserLimits.Default);
            if (datagram.Message is Telepath.Media.Sip.Message.SipRequest request)
            {
                SipRequestValidator.Validate(request);
                SipWriter.ToBytes(request);
                ReadExtensions(request);
            }

            SipParser.Parse(data.Span, SipFraming.Stream, SipParserLimits.Default);
            SipStreamFramer.Read(data.Span, SipParserLimits.Default);
        },
        ["sdp"] = static data =>
        {
            var result = SdpParser.Parse(data.Span);
            if (result.Description is { } description)
            {
                SdpWriter.Write(description);

                // What the UAS does with a remote description: answer it as an offer, or accept it as the answer to ours.
                var negotiator = new CodecNegotiator(new CodecNegotiatorOptions());
                var local = new LocalMediaEndpoint(System.Net.IPAddress.Loopback, 20000);
                negotiator.Answer(description, local);
                negotiator.AcceptAnswer(negotiator.Offer(local, null), description);
            }
        },
        ["rtp"] = static data =>
        {
            if (RtpHeader.TryParse(data.Span, out var header))
            {
                _ = header.Payload.Length;
            }
        },
        ["rtcp"] = static data =>
        {
            var reader = new RtcpCompoundReader(data.Span);
            while (reader.TryReadNext(out var packet))
            {
                _ = packet.Type;
            }
        },
        ["digest"] = static data =>
        {
            var text = System.Text.Encoding.UTF8.GetString(data.Span);
            DigestCredentialsParser.TryParse(text, out _, out _);
        },
    };

    /// <summary>The header and body readers the UAS applies to a request: session timers, 100rel, SIP-I bodies, merging.</summary>
    private static void ReadExtensions(Telepath.Media.Sip.Message.SipRequest request)
    {
        Telepath.Media.Sip.Message.SessionBody.TryGetSdp(request, out _);
        Telepath.Media.Sip.Message.SipOptionTags.FindUnsupported(request);
        Telepath.Media.Sip.Message.RAckHeader.TryParse(request.Headers.Get("RAck"), out _);
        Telepath.Media.Sip.UserAgent.RequestOrigin.Of(request);
        // Made per input, never in a static initializer: instrumented code must not run before AFL's shared memory is set up.
        new Telepath.Media.Sip.UserAgent.SessionTimerNegotiator(new Telepath.Media.Hosting.SipOptions()).Decide(request);
    }
}
