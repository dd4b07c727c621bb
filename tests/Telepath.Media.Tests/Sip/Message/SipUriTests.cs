using Telepath.Media.Sip.Message;

namespace Telepath.Media.Tests.Sip.Message;

/// <summary>SIP URI parsing and formatting (RFC 3261 §19.1, §25.1).</summary>
public sealed class SipUriTests
{
    [Fact]
    public void Parses_user_host_port_and_parameters()
    {
        SipUri uri = SipUri.Parse("sip:+14155550100@carrier.example:5080;user=phone;transport=TCP;lr");

        Assert.Equal("sip", uri.Scheme);
        Assert.Equal("+14155550100", uri.User);
        Assert.Equal("carrier.example", uri.Host);
        Assert.Equal(5080, uri.Port);
        Assert.Equal("phone", uri.Parameters.Get("USER"));
        Assert.Equal("TCP", uri.Transport);
        Assert.True(uri.IsLooseRouter);
        Assert.False(uri.IsSecure);
    }

    [Fact]
    public void Parses_ipv6_reference_with_and_without_port()
    {
        Assert.Equal("[2001:db8::1]", SipUri.Parse("sips:alice@[2001:db8::1]:5061").Host);
        Assert.Equal(5061, SipUri.Parse("sips:alice@[2001:db8::1]:5061").Port);
        Assert.Null(SipUri.Parse("sip:[::1]").Port);
        Assert.True(SipUri.Parse("sips:[::1]").IsSecure);
    }

    /// <summary>RFC 3261 §19.1.4: escaped and unescaped forms of unreserved characters are equivalent.</summary>
    [Fact]
    public void Unescapes_user_and_re_escapes_only_what_needs_it()
    {
        SipUri uri = SipUri.Parse("sip:%61lice%20smith%23@host");

        Assert.Equal("alice smith#", uri.User);
        Assert.Equal("sip:alice%20smith%23@host", uri.ToString());
        Assert.Equal(SipUri.Parse("sip:alice%20smith%23@host"), uri);
    }

    [Fact]
    public void Keeps_other_schemes_opaque()
    {
        SipUri uri = SipUri.Parse("tel:+1-201-555-0123;phone-context=example.com");

        Assert.False(uri.IsSip);
        Assert.Equal("tel", uri.Scheme);
        Assert.Equal("+1-201-555-0123;phone-context=example.com", uri.Opaque);
        Assert.Equal("tel:+1-201-555-0123;phone-context=example.com", uri.ToString());
        Assert.Equal("urn:service:sos", SipUri.Parse("URN:service:sos").ToString().ToLowerInvariant());
    }

    [Theory]
    [InlineData("sip:alice@host:5060;transport=udp;lr;maddr=239.255.255.1")]
    [InlineData("sips:bob:secret@[::1]:5061?subject=hi&priority=urgent")]
    [InlineData("sip:user;par=u%40example.net@example.com")]
    [InlineData("sip:127.0.0.1")]
    public void Formats_back_to_an_equal_uri(string text)
    {
        SipUri uri = SipUri.Parse(text);

        Assert.Equal(uri, SipUri.Parse(uri.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sip:")]
    [InlineData("sip:@host")]
    [InlineData("sip:alice@")]
    [InlineData("sip:alice@host:99999")]
    [InlineData("sip:alice@host:port")]
    [InlineData("sip:alice@[::1")]
    [InlineData("sip:alice@[zz::1]")]
    [InlineData("sip:al ice@host")]
    [InlineData("sip:alice@host;;")]
    [InlineData("sip:alice%2@host")]
    [InlineData("sip:<alice>@host")]
    [InlineData("1sip:alice@host")]
    [InlineData("nocolon")]
    public void Rejects_malformed_uris(string text)
    {
        Assert.False(SipUri.TryParse(text, out _));
    }

    [Fact]
    public void With_parameter_replaces_or_appends()
    {
        SipUri uri = SipUri.Parse("sip:a@h;transport=udp").WithParameter("transport", "tcp").WithParameter("lr", null);

        Assert.Equal("sip:a@h;transport=tcp;lr", uri.ToString());
    }
}
