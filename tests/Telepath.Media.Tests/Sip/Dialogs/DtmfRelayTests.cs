using System.Text;
using Telepath.Media.Sip.Dialogs;

namespace Telepath.Media.Tests.Sip.Dialogs;

/// <summary>The DTMF bodies of SIP INFO: application/dtmf-relay and the bare-digit application/dtmf.</summary>
public sealed class DtmfRelayTests
{
    [Theory]
    [InlineData("application/dtmf-relay", "Signal=5\r\nDuration=250\r\n", '5', 250)]
    [InlineData("Application/DTMF-Relay", "signal = *\nduration=100", '*', 100)]
    [InlineData("application/dtmf-relay", "Signal=d\r\n", 'D', DtmfRelay.DefaultDurationMs)]
    [InlineData("application/dtmf", "7", '7', DtmfRelay.DefaultDurationMs)]
    [InlineData("application/dtmf; charset=utf-8", " #\r\n", '#', DtmfRelay.DefaultDurationMs)]
    public void Reads_the_digit_and_duration(string contentType, string body, char digit, int duration)
    {
        Assert.True(DtmfRelay.TryParse(contentType, Encoding.ASCII.GetBytes(body), out char read, out int readDuration));

        Assert.Equal(digit, read);
        Assert.Equal(duration, readDuration);
    }

    [Theory]
    [InlineData("application/dtmf-relay", "Signal=12\r\n")]
    [InlineData("application/dtmf-relay", "Duration=100\r\n")]
    [InlineData("application/dtmf", "E")]
    [InlineData("application/dtmf", "12")]
    [InlineData("text/plain", "Signal=5")]
    [InlineData(null, "Signal=5")]
    public void Rejects_bodies_without_one_valid_digit(string? contentType, string body)
    {
        Assert.False(DtmfRelay.TryParse(contentType, Encoding.ASCII.GetBytes(body), out _, out _));
    }
}
