using Telepath.Media.Sip.Message;
using Telepath.Media.Sip.Parsing;
using Telepath.Media.Tests.Sip.Corpus;

namespace Telepath.Media.Tests.Sip.Parsing;

/// <summary>
/// Runs the torture corpus (in the spirit of RFC 4475): each message must parse or be rejected exactly as
/// specified, requests that parse must get the expected validator verdict, and valid ones must round-trip.
/// </summary>
public sealed class SipTortureTests
{
    [Theory]
    [MemberData(nameof(TortureCorpus.Names), MemberType = typeof(TortureCorpus))]
    public void Parser_gives_the_expected_status_and_error(string name)
    {
        TortureCase torture = TortureCorpus.Get(name);

        SipParseResult result = SipParser.Parse(torture.Bytes, torture.Framing, SipParserLimits.Default);

        Assert.Equal(torture.Status, result.Status);
        if (torture.Status == SipParseStatus.Invalid)
        {
            Assert.Equal(torture.Reason, result.Error);
            Assert.Null(result.Message);
        }
        else
        {
            Assert.Null(result.Error);
            Assert.Equal(torture.Bytes.Length, result.Consumed);
        }
    }

    [Theory]
    [MemberData(nameof(TortureCorpus.Names), MemberType = typeof(TortureCorpus))]
    public void Validator_gives_the_expected_verdict_for_parsed_requests(string name)
    {
        TortureCase torture = TortureCorpus.Get(name);
        SipParseResult result = SipParser.Parse(torture.Bytes, torture.Framing, SipParserLimits.Default);
        if (result.Message is not SipRequest request)
        {
            return;
        }

        SipRequestError? error = SipRequestValidator.Validate(request);

        Assert.Equal(torture.Reason, error?.ReasonPhrase);
        if (error is SipRequestError rejected)
        {
            Assert.Equal(torture.ResponseCode, rejected.StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(TortureCorpus.ValidNames), MemberType = typeof(TortureCorpus))]
    public void Valid_messages_round_trip_through_the_writer(string name)
    {
        SipMessage original = SipParser.Parse(TortureCorpus.Get(name).Bytes, SipFraming.Datagram, SipParserLimits.Default).Message!;

        byte[] written = SipWriter.ToBytes(original);
        SipParseResult reparsed = SipParser.Parse(written, SipFraming.Stream, SipParserLimits.Default);

        Assert.Equal(SipParseStatus.Complete, reparsed.Status);
        Assert.Equal(written.Length, reparsed.Consumed);
        SipMessageAssert.Equivalent(original, reparsed.Message!);
    }

    [Fact]
    public void Escaped_user_is_unescaped_and_parameters_keep_their_text()
    {
        var request = (SipRequest)SipParser.Parse(TortureCorpus.Get("escaped_user_and_uri_parameters").Bytes, SipFraming.Datagram, SipParserLimits.Default).Message!;

        Assert.Equal("+1 555-0100", request.RequestUri!.User);
        Assert.Equal("%41b", request.RequestUri.Parameters.Get("x-odd"));
    }

    [Fact]
    public void Quoted_commas_do_not_split_vias_or_display_names()
    {
        var request = (SipRequest)SipParser.Parse(TortureCorpus.Get("several_vias_per_line_with_quoted_commas").Bytes, SipFraming.Datagram, SipParserLimits.Default).Message!;

        List<ViaHeader> vias = request.GetVias()!;
        Assert.Equal(["127.0.0.1", "[2001:db8::9]", "h3"], vias.Select(v => v.Host));
        Assert.Equal("\"a,b\"", vias[0].Parameters.Get("x"));
        Assert.Equal("Doe, \"J\" \\ Jr", request.From!.DisplayName);
    }
}
