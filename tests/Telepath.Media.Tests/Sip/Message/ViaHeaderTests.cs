using Telepath.Media.Sip.Message;

namespace Telepath.Media.Tests.Sip.Message;

/// <summary>Via values (RFC 3261 §20.42) with RFC 3581 rport.</summary>
public sealed class ViaHeaderTests
{
    [Fact]
    public void Parses_transport_sent_by_and_typed_parameters()
    {
        ViaHeader via = ViaHeader.Parse("SIP/2.0/tls client.example:5061;branch=z9hG4bK74bf9;received=192.0.2.1;maddr=224.2.0.1;ttl=16;x-custom");

        Assert.Equal("TLS", via.Transport);
        Assert.Equal("client.example", via.Host);
        Assert.Equal(5061, via.Port);
        Assert.Equal("z9hG4bK74bf9", via.Branch);
        Assert.True(via.HasRfc3261Branch);
        Assert.Equal("192.0.2.1", via.Received);
        Assert.Equal("224.2.0.1", via.Maddr);
        Assert.Equal(16, via.Ttl);
        Assert.True(via.Parameters.Contains("x-custom"));
    }

    /// <summary>RFC 3581 §3, §4: rport is a flag in the request and carries the source port after the server fills it in.</summary>
    [Fact]
    public void Rport_flag_becomes_a_value_when_the_server_fills_it_in()
    {
        ViaHeader request = ViaHeader.Parse("SIP/2.0/UDP 10.0.0.5:5060;rport;branch=z9hG4bKnashds7");

        ViaHeader stamped = request.WithReceived("203.0.113.9").WithRport(40123);

        Assert.True(request.HasRport);
        Assert.Null(request.Rport);
        Assert.Equal(40123, stamped.Rport);
        Assert.Equal("SIP/2.0/UDP 10.0.0.5:5060;rport=40123;branch=z9hG4bKnashds7;received=203.0.113.9", stamped.ToString());
    }

    [Fact]
    public void Parses_ipv6_sent_by_and_ws_transports()
    {
        ViaHeader via = ViaHeader.Parse("SIP/2.0/WSS [2001:db8::7]:443;branch=z9hG4bKws");

        Assert.Equal("WSS", via.Transport);
        Assert.Equal("[2001:db8::7]", via.Host);
        Assert.Equal(443, via.Port);
    }

    [Fact]
    public void Accepts_whitespace_the_grammar_allows()
    {
        ViaHeader via = ViaHeader.Parse("SIP / 2.0 / UDP   host.example : 5060 ;branch= z9hG4bKx ; rport");

        Assert.Equal("host.example", via.Host);
        Assert.Equal(5060, via.Port);
        Assert.Equal("z9hG4bKx", via.Branch);
        Assert.True(via.HasRport);
    }

    [Fact]
    public void Create_makes_a_via_that_round_trips()
    {
        ViaHeader via = ViaHeader.Create("udp", "127.0.0.1", 5060, "z9hG4bKabc");

        Assert.Equal("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKabc", via.ToString());
        Assert.Equal(via, ViaHeader.Parse(via.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("SIP/2.0/UDP")]
    [InlineData("SIP/2.0 host")]
    [InlineData("SIP/2.0/UDPhost")]
    [InlineData("SIP/2.0/UDP host:70000")]
    [InlineData("SIP/2.0/UDP host;branch=")]
    [InlineData("SIP/2.0/UDP host;=x")]
    [InlineData("SIP/2.0/UDP [::1;branch=z9hG4bK1")]
    public void Rejects_malformed_values(string text)
    {
        Assert.False(ViaHeader.TryParse(text, out _));
    }

    [Fact]
    public void Old_rfc2543_branch_is_not_rfc3261()
    {
        Assert.False(ViaHeader.Parse("SIP/2.0/UDP h;branch=1234").HasRfc3261Branch);
    }
}
