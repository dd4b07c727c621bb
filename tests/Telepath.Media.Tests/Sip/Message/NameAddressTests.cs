using Telepath.Media.Sip.Message;

namespace Telepath.Media.Tests.Sip.Message;

/// <summary>name-addr / addr-spec values of From, To, Contact (RFC 3261 §20.10, §20.20, §20.39).</summary>
public sealed class NameAddressTests
{
    [Fact]
    public void Parses_quoted_display_name_with_escapes()
    {
        NameAddress value = NameAddress.Parse("\"Alice \\\"A\\\" <Ops>\" <sip:alice@atlanta.example>;tag=1928301774");

        Assert.Equal("Alice \"A\" <Ops>", value.DisplayName);
        Assert.Equal("alice", value.Uri.User);
        Assert.Equal("1928301774", value.Tag);
    }

    [Fact]
    public void Parses_token_display_name_and_no_display_name()
    {
        Assert.Equal("Bob Smith", NameAddress.Parse("Bob Smith <sip:bob@h>").DisplayName);
        Assert.Null(NameAddress.Parse("<sip:bob@h>").DisplayName);
    }

    /// <summary>RFC 3261 §20.10: without angle brackets, semicolon parameters belong to the header, not the URI.</summary>
    [Fact]
    public void Addr_spec_parameters_are_header_parameters()
    {
        NameAddress value = NameAddress.Parse("sip:alice@h;tag=88sja8x");

        Assert.Equal("88sja8x", value.Tag);
        Assert.Empty(value.Uri.Parameters);
    }

    [Fact]
    public void Uri_parameters_inside_brackets_stay_with_the_uri()
    {
        NameAddress value = NameAddress.Parse("<sip:alice@h;transport=tcp>;expires=60;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>\"");

        Assert.Equal("tcp", value.Uri.Transport);
        Assert.Equal("60", value.Parameters.Get("expires"));
        Assert.Equal("\"<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>\"", value.Parameters.Get("+sip.instance"));
    }

    [Fact]
    public void Formats_in_name_addr_form_and_round_trips()
    {
        NameAddress value = NameAddress.Parse("sip:alice@h;tag=1").WithParameter("x", null);

        Assert.Equal("<sip:alice@h>;tag=1;x", value.ToString());
        Assert.Equal(value, NameAddress.Parse(value.ToString()));
        Assert.Equal("\"A \\\\ B\" <sip:a@h>", new NameAddress { DisplayName = "A \\ B", Uri = SipUri.Parse("sip:a@h") }.ToString());
    }

    [Fact]
    public void With_tag_adds_or_replaces_the_tag()
    {
        Assert.Equal("abc", NameAddress.Parse("<sip:b@h>").WithTag("abc").Tag);
        Assert.Equal("new", NameAddress.Parse("<sip:b@h>;tag=old").WithTag("new").Tag);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<sip:alice@h")]
    [InlineData("\"unterminated <sip:alice@h>")]
    [InlineData("\"Alice\" sip:alice@h")]
    [InlineData("<sip:alice@h>;")]
    [InlineData("<sip:alice@h>;tag=")]
    [InlineData("<sip:alice@h> garbage")]
    [InlineData("<not a uri>")]
    [InlineData("sip:alice@h?subject=x")]
    public void Rejects_malformed_values(string text)
    {
        Assert.False(NameAddress.TryParse(text, out _));
    }
}
