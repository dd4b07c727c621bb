using Telepath.Media.Sip.Message;
using Telepath.Media.Sip.Parsing;
using Telepath.Media.Tests.Sip.Corpus;

namespace Telepath.Media.Tests.Sip.Message;

/// <summary>UAS response construction (RFC 3261 §8.2.6).</summary>
public sealed class SipResponseBuilderTests
{
    private static SipRequest Carrier() =>
        (SipRequest)SipParser.Parse(SipSamples.Bytes(SipSamples.CarrierInvite), SipFraming.Datagram, SipParserLimits.Default).Message!;

    /// <summary>RFC 3261 §8.2.6.2: Via values copied in order; From, Call-ID, CSeq copied; To gets the UAS tag.</summary>
    [Fact]
    public void Copies_vias_in_order_and_dialog_headers_and_adds_the_to_tag()
    {
        SipRequest request = Carrier();

        SipResponse response = SipResponseBuilder.Create(request, SipStatusCodes.Ringing, toTag: "uas-tag-1");

        Assert.Equal(request.Headers.GetAll("Via"), response.Headers.GetAll("Via"));
        Assert.Equal(request.Headers.Get("From"), response.Headers.Get("From"));
        Assert.Equal(request.CallId, response.CallId);
        Assert.Equal(request.CSeq, response.CSeq);
        Assert.Equal("uas-tag-1", response.To!.Tag);
        Assert.Equal(request.To!.Uri, response.To.Uri);
        Assert.Equal("Ringing", response.ReasonPhrase);
        Assert.Equal(["Via", "Via", "From", "To", "Call-ID", "CSeq"], response.Headers.Select(f => f.Name));
    }

    /// <summary>RFC 3261 §8.2.6.1: 100 Trying carries no To-tag and copies Timestamp.</summary>
    [Fact]
    public void Trying_has_no_to_tag_and_copies_timestamp()
    {
        SipRequest request = Carrier();
        request.Headers.Add("Timestamp", "54.2");

        SipResponse response = SipResponseBuilder.Create(request, SipStatusCodes.Trying, toTag: "ignored");

        Assert.Null(response.To!.Tag);
        Assert.Equal("54.2", response.Headers.Get("Timestamp"));
    }

    [Fact]
    public void Keeps_an_existing_to_tag()
    {
        SipRequest request = Carrier();
        request.Headers.Set("To", "<sip:b@h>;tag=existing");

        SipResponse response = SipResponseBuilder.Create(request, SipStatusCodes.Ok, toTag: "new");

        Assert.Equal("existing", response.To!.Tag);
    }

    [Fact]
    public void Response_serialises_and_parses_with_custom_reason_and_extra_headers()
    {
        SipResponse response = SipResponseBuilder.Create(Carrier(), SipStatusCodes.BadRequest, "Missing Call-ID header", SipIdentifiers.NewTag());
        response.Headers.Add("Server", "Telepath");

        var parsed = (SipResponse)SipParser.Parse(SipWriter.ToBytes(response), SipFraming.Stream, SipParserLimits.Default).Message!;

        Assert.Equal(400, parsed.StatusCode);
        Assert.Equal("Missing Call-ID header", parsed.ReasonPhrase);
        Assert.Equal("Telepath", parsed.Headers.Get("Server"));
        Assert.Equal(0, parsed.ContentLength);
    }

    [Fact]
    public void Reason_phrase_table_covers_standard_codes_and_classes()
    {
        Assert.Equal("Call/Transaction Does Not Exist", SipStatusCodes.GetReasonPhrase(481));
        Assert.Equal("Service Unavailable", SipStatusCodes.GetReasonPhrase(503));
        Assert.Equal("Client Error", SipStatusCodes.GetReasonPhrase(499));
        Assert.Equal("Global Failure", SipStatusCodes.GetReasonPhrase(699));
    }
}
