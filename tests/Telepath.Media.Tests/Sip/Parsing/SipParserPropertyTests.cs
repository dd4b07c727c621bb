using System.Text;
using CsCheck;
using Telepath.Media.Sip.Message;
using Telepath.Media.Sip.Parsing;
using Telepath.Media.Tests.Sip.Corpus;

namespace Telepath.Media.Tests.Sip.Parsing;

/// <summary>Property tests: generated requests survive write-then-parse, and no input makes the parser throw or over-consume.</summary>
public sealed class SipParserPropertyTests
{
    private const string TokenChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~";
    private const string PrintableChars = "abcXYZ019 !#$%&'()*+,-./:;<=>?@[]^_`{|}~\"\\\u00e9\u00fc\u65e5\u0416";

    private static readonly Gen<string> s_token = Gen.Char[TokenChars].Array[1, 12].Select(c => new string(c));
    private static readonly Gen<string> s_hexTag = Gen.Char["0123456789abcdef"].Array[4, 24].Select(c => new string(c));
    private static readonly Gen<string> s_host = Gen.OneOf("127.0.0.1", "[::1]", "[2001:db8::5]", "host.example", "a-b.c_d.example");
    private static readonly Gen<int?> s_port = Gen.Select(Gen.Int[0, 9], Gen.Int[1, 65535], (n, p) => n < 3 ? null : (int?)p);
    private static readonly Gen<string> s_printable = Gen.Char[PrintableChars].Array[0, 30].Select(c => new string(c));

    private static readonly Gen<string> s_uriParamText = Gen.Char["abcXYZ019-_.!~*'"].Array[1, 10].Select(c => new string(c));

    private static readonly Gen<SipParameters> s_uriParameters =
        Gen.Select(s_uriParamText, s_uriParamText.Null(0.4), (n, v) => new SipParameter(n, v)).List[0, 3]
            .Select(list => SipParameters.Create(Distinct(list)));

    private static readonly Gen<SipUri> s_uri = Gen.Select(
        Gen.Char["abcXYZ019+-.()#; %\u00e9"].Array[1, 15].Select(c => new string(c)).Null(0.2), s_host, s_port, s_uriParameters,
        (user, host, port, parameters) => new SipUri { Scheme = "sip", User = user, Host = host, Port = port, Parameters = parameters });

    private static readonly Gen<NameAddress> s_address = Gen.Select(
        s_printable.Null(0.4), s_uri, s_hexTag.Null(0.3),
        (display, uri, tag) => new NameAddress
        {
            DisplayName = display,
            Uri = uri,
            Parameters = tag is null ? SipParameters.Empty : SipParameters.Empty.With("tag", tag),
        });

    private static readonly Gen<ViaHeader> s_via = Gen.Select(
        Gen.OneOf("UDP", "TCP", "TLS", "WS", "WSS"), s_host, s_port, s_hexTag, Gen.Bool,
        (transport, host, port, branch, rport) =>
        {
            ViaHeader via = ViaHeader.Create(transport, host, port, ViaHeader.MagicCookie + branch);
            return rport ? via.WithParameter("rport", null) : via;
        });

    private static readonly Gen<SipMethod> s_method = Gen.OneOf("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "INFO", "UPDATE", "PRACK", "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "PUBLISH", "X-CUSTOM")
        .Select(SipMethod.FromName);

    private static readonly Gen<(string Name, string Value)> s_extraHeader = Gen.Select(
        s_token.Select(t => "X-" + t),
        s_printable.Select(v => v.Trim(' ')),
        (n, v) => (n, v));

    private static readonly Gen<SipRequest> s_request = Gen.Select(
        Gen.Select(s_method, s_uri, s_via.List[1, 4]),
        Gen.Select(s_address, s_address, s_hexTag, Gen.UInt),
        s_extraHeader.List[0, 8],
        Gen.Byte.Array[0, 300],
        (start, dialog, extras, body) =>
        {
            (SipMethod method, SipUri uri, List<ViaHeader> vias) = start;
            (NameAddress from, NameAddress to, string callId, uint cseq) = dialog;
            var request = new SipRequest(method, uri);
            foreach (ViaHeader via in vias)
            {
                request.Headers.Add("Via", via.ToString());
            }

            request.Headers.Add("Max-Forwards", "70");
            request.Headers.Add("f", from.ToString());
            request.Headers.Add("t", to.ToString());
            request.Headers.Add("i", callId);
            request.Headers.Add("CSeq", new CSeqHeader(cseq, method).ToString());
            foreach ((string name, string value) in extras)
            {
                request.Headers.Add(name, value);
            }

            if (body.Length > 0)
            {
                request.SetBody("application/octet-stream", body);
            }

            return request;
        });

    [Fact]
    public void Generated_requests_round_trip_through_writer_and_parser()
    {
        s_request.Sample(
            original =>
            {
                byte[] wire = SipWriter.ToBytes(original);

                SipParseResult result = SipParser.Parse(wire, SipFraming.Stream, SipParserLimits.Default);

                Assert.Equal(SipParseStatus.Complete, result.Status);
                Assert.Equal(wire.Length, result.Consumed);
                var parsed = (SipRequest)result.Message!;
                SipMessageAssert.Equivalent(original, parsed);
                Assert.Equal(original.RequestUri, parsed.RequestUri);
                Assert.Equal(original.From, parsed.From);
                Assert.Equal(original.To, parsed.To);
                Assert.Equal(original.CSeq, parsed.CSeq);
                Assert.Equal(original.GetVias(), parsed.GetVias());
                Assert.Null(SipRequestValidator.Validate(parsed));
            },
            iter: 2000);
    }

    [Fact]
    public void Random_bytes_never_throw_and_never_over_consume()
    {
        Gen.Byte.Array[0, 1500].Sample(
            bytes =>
            {
                AssertWellBehaved(bytes, SipFraming.Datagram);
                AssertWellBehaved(bytes, SipFraming.Stream);
            },
            iter: 5000);
    }

    [Fact]
    public void Mutated_real_messages_never_throw_and_never_over_consume()
    {
        byte[] seed = SipSamples.Bytes(SipSamples.CarrierInvite);
        Gen.Select(Gen.Int[0, seed.Length - 1], Gen.Byte, Gen.Int[0, 2], Gen.Int[0, seed.Length]).Array[1, 8].Sample(
            edits =>
            {
                var bytes = new List<byte>(seed);
                foreach ((int position, byte value, int kind, int cut) in edits)
                {
                    int at = Math.Min(position, bytes.Count - 1);
                    switch (kind)
                    {
                        case 0 when at >= 0:
                            bytes[at] = value;
                            break;
                        case 1:
                            bytes.Insert(Math.Max(at, 0), value);
                            break;
                        default:
                            bytes.RemoveRange(Math.Min(cut, bytes.Count), bytes.Count - Math.Min(cut, bytes.Count));
                            break;
                    }
                }

                AssertWellBehaved([.. bytes], SipFraming.Datagram);
                AssertWellBehaved([.. bytes], SipFraming.Stream);
            },
            iter: 3000);
    }

    private static void AssertWellBehaved(byte[] bytes, SipFraming framing)
    {
        SipParseResult result = SipParser.Parse(bytes, framing, SipParserLimits.Default);

        Assert.InRange(result.Consumed, 0, bytes.Length);
        Assert.Equal(result.Status == SipParseStatus.Complete, result.Message is not null);
        Assert.Equal(result.Status == SipParseStatus.Invalid, result.Error is not null);
        if (result.Message is SipRequest request)
        {
            // Whatever parsed must also be safe to validate, answer and serialise.
            _ = SipRequestValidator.Validate(request);
            _ = SipResponseBuilder.Create(request, 400, "Bad Request", "tag");
            Assert.NotEmpty(SipWriter.ToBytes(request));
        }

        SipFrame frame = SipStreamFramer.Read(bytes, SipParserLimits.Default);
        Assert.InRange(frame.Consumed, 0, bytes.Length);
    }

    private static List<SipParameter> Distinct(List<SipParameter> list)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return [.. list.Where(p => seen.Add(p.Name))];
    }
}
