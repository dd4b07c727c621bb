using Telepath.Media.Sip.Message;

namespace Telepath.Media.Tests.Sip.Message;

/// <summary>CSeq values (RFC 3261 §20.16).</summary>
public sealed class CSeqHeaderTests
{
    [Fact]
    public void Parses_number_and_method_and_formats_back()
    {
        Assert.True(CSeqHeader.TryParse("  4294967295 \t REGISTER ", out CSeqHeader cseq));

        Assert.Equal(4294967295u, cseq.Number);
        Assert.Equal(SipMethod.Register, cseq.Method);
        Assert.Equal("4294967295 REGISTER", cseq.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("INVITE")]
    [InlineData("1")]
    [InlineData("-1 INVITE")]
    [InlineData("4294967296 INVITE")]
    [InlineData("1.5 INVITE")]
    [InlineData("1 IN VITE")]
    public void Rejects_malformed_values(string? text)
    {
        Assert.False(CSeqHeader.TryParse(text, out _));
    }
}
