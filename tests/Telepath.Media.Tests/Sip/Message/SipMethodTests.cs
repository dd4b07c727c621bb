using System.Text;
using Telepath.Media.Sip.Message;

namespace Telepath.Media.Tests.Sip.Message;

/// <summary>Method tokens (RFC 3261 §7.1, §25.1).</summary>
public sealed class SipMethodTests
{
    [Theory]
    [InlineData("INVITE", "Invite")]
    [InlineData("ACK", "Ack")]
    [InlineData("BYE", "Bye")]
    [InlineData("CANCEL", "Cancel")]
    [InlineData("OPTIONS", "Options")]
    [InlineData("REGISTER", "Register")]
    [InlineData("INFO", "Info")]
    [InlineData("UPDATE", "Update")]
    [InlineData("PRACK", "Prack")]
    [InlineData("SUBSCRIBE", "Subscribe")]
    [InlineData("NOTIFY", "Notify")]
    [InlineData("REFER", "Refer")]
    [InlineData("MESSAGE", "Message")]
    [InlineData("PUBLISH", "Extension")]
    [InlineData("invite", "Extension")]
    public void Maps_tokens_to_kinds_case_sensitively(string name, string kind)
    {
        Assert.True(SipMethod.TryParse(Encoding.ASCII.GetBytes(name), out SipMethod fromBytes));
        Assert.True(SipMethod.TryParse(name.AsSpan(), out SipMethod fromChars));

        Assert.Equal(kind, fromBytes.Kind.ToString());
        Assert.Equal(fromBytes, fromChars);
        Assert.Equal(name, fromBytes.Name);
    }

    [Fact]
    public void Known_methods_reuse_the_cached_name()
    {
        Assert.True(SipMethod.TryParse("INVITE"u8, out SipMethod method));

        Assert.Same(SipMethod.Invite.Name, method.Name);
        Assert.True(method == SipMethod.Invite);
    }

    [Theory]
    [InlineData("")]
    [InlineData("IN VITE")]
    [InlineData("IN@VITE")]
    public void Rejects_non_tokens(string name)
    {
        Assert.False(SipMethod.TryParse(name.AsSpan(), out _));
        Assert.Throws<ArgumentException>(() => SipMethod.FromName(name));
    }
}
