using System.Net;
using Telepath.Silo.Webhooks;

namespace Telepath.Silo.Tests.Webhooks;

/// <summary>The SSRF address rules: only globally routable unicast addresses may receive webhooks.</summary>
public sealed class WebhookAddressRulesTests
{
    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("fe80::1")]
    [InlineData("febf::1")]
    [InlineData("ff02::1")]
    [InlineData("::")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:192.168.0.1")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("2001:db8::1")]
    public void Refuses_private_link_local_and_special_addresses_even_when_loopback_is_allowed(string address)
    {
        Assert.NotNull(WebhookAddressRules.Refusal(IPAddress.Parse(address), allowLoopback: true));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.10.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Refuses_loopback_unless_allowed(string address)
    {
        var ip = IPAddress.Parse(address);
        Assert.Equal("loopback address", WebhookAddressRules.Refusal(ip, allowLoopback: false));
        Assert.Null(WebhookAddressRules.Refusal(ip, allowLoopback: true));
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:93.184.216.34")]
    public void Accepts_public_unicast_addresses(string address)
    {
        Assert.Null(WebhookAddressRules.Refusal(IPAddress.Parse(address), allowLoopback: false));
    }
}
