using Telepath.Media.Sip.Message;

namespace Telepath.Media.Tests.Sip.Message;

/// <summary>Header list semantics (RFC 3261 §7.3): order, case-insensitive names, compact forms, list values.</summary>
public sealed class SipHeadersTests
{
    [Theory]
    [InlineData("i", "Call-ID")]
    [InlineData("m", "Contact")]
    [InlineData("f", "From")]
    [InlineData("t", "To")]
    [InlineData("v", "Via")]
    [InlineData("l", "Content-Length")]
    [InlineData("c", "Content-Type")]
    [InlineData("k", "Supported")]
    [InlineData("s", "Subject")]
    [InlineData("e", "Content-Encoding")]
    [InlineData("o", "Event")]
    [InlineData("r", "Refer-To")]
    [InlineData("u", "Allow-Events")]
    [InlineData("x", "Session-Expires")]
    [InlineData("y", "Identity")]
    [InlineData("b", "Referred-By")]
    [InlineData("a", "Accept-Contact")]
    [InlineData("j", "Reject-Contact")]
    [InlineData("d", "Request-Disposition")]
    [InlineData("CALL-id", "Call-ID")]
    [InlineData("cseq", "CSeq")]
    [InlineData("www-authenticate", "WWW-Authenticate")]
    [InlineData("X-Custom", "X-Custom")]
    public void Canonicalises_compact_and_mixed_case_names(string name, string canonical)
    {
        var headers = new SipHeaders();
        headers.Add(name, "v");

        Assert.Equal(canonical, headers[0].Name);
        Assert.Equal("v", headers.Get(canonical.ToUpperInvariant()));
    }

    /// <summary>RFC 3261 §7.3.1: several fields of one name equal one comma-joined field, in order.</summary>
    [Fact]
    public void Get_values_splits_commas_across_fields_in_order()
    {
        var headers = new SipHeaders();
        headers.Add("Route", "<sip:p1;lr>, \"x, y\" <sip:p2;lr>");
        headers.Add("r", "ignored");
        headers.Add("ROUTE", "<sip:p3;lr>,,");

        Assert.Equal(["<sip:p1;lr>", "\"x, y\" <sip:p2;lr>", "<sip:p3;lr>"], headers.GetValues("route"));
        Assert.Equal(2, headers.GetAll("Route").Count);
    }

    [Fact]
    public void Set_replaces_the_first_in_place_and_removes_the_rest()
    {
        var headers = new SipHeaders();
        headers.Add("X-A", "1");
        headers.Add("Contact", "<sip:a@h>");
        headers.Add("X-B", "2");
        headers.Add("m", "<sip:b@h>");

        headers.Set("contact", "<sip:c@h>");

        Assert.Equal(["X-A", "Contact", "X-B"], headers.Select(f => f.Name));
        Assert.Equal("<sip:c@h>", headers.Get("Contact"));
        Assert.Equal(1, headers.CountOf("m"));
    }

    [Fact]
    public void Insert_remove_and_index_of_respect_order()
    {
        var headers = new SipHeaders();
        headers.Add("Via", "SIP/2.0/UDP b;branch=z9hG4bK2");
        headers.Insert(0, "v", "SIP/2.0/UDP a;branch=z9hG4bK1");
        headers.Add("Via", "SIP/2.0/UDP c;branch=z9hG4bK3");

        Assert.Equal(2, headers.IndexOf("Via", 2));
        Assert.Equal(3, headers.RemoveAll("VIA"));
        Assert.Empty(headers);
        Assert.False(headers.Contains("Via"));
    }

    [Fact]
    public void Missing_header_gives_null_and_empty_lists()
    {
        var headers = new SipHeaders();

        Assert.Null(headers.Get("To"));
        Assert.Empty(headers.GetValues("Via"));
        Assert.Equal(-1, headers.IndexOf("Via"));
    }
}
