using Telepath.Media.Sip.Message;

namespace Telepath.Media.Tests.Sip.Message;

/// <summary>Session-Expires and Min-SE values (RFC 4028 §4-§5).</summary>
public sealed class SessionExpiresHeaderTests
{
    [Theory]
    [InlineData("1800", 1800u, null)]
    [InlineData(" 90 ;refresher=uac", 90u, "uac")]
    [InlineData("4294967295;refresher=UAS;x-vendor=1", 4294967295u, "uas")]
    [InlineData("600 ; foo", 600u, null)]
    public void Parses_delta_and_refresher(string text, uint seconds, string? refresher)
    {
        Assert.True(SessionExpiresHeader.TryParse(text, out SessionExpiresHeader value));

        Assert.Equal(seconds, value.Seconds);
        Assert.Equal(refresher, value.Refresher?.ToString().ToLowerInvariant());
    }

    /// <summary>RFC 4028 §4: the refresher is only ever <c>uac</c> or <c>uas</c>.</summary>
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-90")]
    [InlineData("4294967296")]
    [InlineData("90;refresher=both")]
    [InlineData("90;;")]
    [InlineData("90 seconds")]
    public void Rejects_malformed_values(string? text)
    {
        Assert.False(SessionExpiresHeader.TryParse(text, out _));
    }

    [Fact]
    public void Formats_with_the_refresher()
    {
        Assert.Equal("1800;refresher=uac", new SessionExpiresHeader(1800, SessionRefresher.Uac).ToString());
        Assert.Equal("90", new SessionExpiresHeader(90, null).ToString());
    }
}
