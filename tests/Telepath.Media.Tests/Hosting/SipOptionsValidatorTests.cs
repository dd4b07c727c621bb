using Microsoft.Extensions.Options;
using Telepath.Media.Hosting;

namespace Telepath.Media.Tests.Hosting;

/// <summary>Start-up validation of the SIP and RTP options.</summary>
public sealed class SipOptionsValidatorTests
{
    private static SipOptions Valid() => new() { NonceSecret = new string('s', 32) };

    [Fact]
    public void Accepts_defaults_with_a_nonce_secret()
    {
        Assert.True(new SipOptionsValidator().Validate(null, Valid()).Succeeded);
    }

    [Fact]
    public void Rejects_missing_nonce_secret()
    {
        ValidateOptionsResult result = new SipOptionsValidator().Validate(null, new SipOptions());

        Assert.True(result.Failed);
        Assert.Contains("NonceSecret", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ListenAddress")]
    [InlineData("MediaAddress")]
    [InlineData("Timers")]
    [InlineData("Transports")]
    [InlineData("DigestAlgorithms")]
    [InlineData("MinSessionExpires")]
    [InlineData("SessionExpires")]
    public void Rejects_invalid_settings(string which)
    {
        SipOptions options = Valid();
        switch (which)
        {
            case "ListenAddress": options.ListenAddress = "not-an-ip"; break;
            case "MediaAddress": options.MediaAddress = "nowhere"; break;
            case "Timers": options.T2 = TimeSpan.FromMilliseconds(100); break;
            case "Transports": options.Udp = false; options.Tcp = false; break;
            case "MinSessionExpires": options.MinSessionExpires = TimeSpan.FromSeconds(60); break;
            case "SessionExpires": options.SessionExpires = TimeSpan.FromSeconds(100); options.MinSessionExpires = TimeSpan.FromSeconds(120); break;
            default: options.DigestAlgorithms = "MD5,SHA-512"; break;
        }

        Assert.True(new SipOptionsValidator().Validate(null, options).Failed);
    }

    [Theory]
    [InlineData(20000, 29999, true)]
    [InlineData(80, 29999, false)]
    [InlineData(30000, 20000, false)]
    public void Validates_rtp_port_range(int start, int end, bool valid)
    {
        var options = new RtpOptions { PortRangeStart = start, PortRangeEnd = end };

        Assert.Equal(valid, new RtpOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(200, true)]
    [InlineData(2000, true)]
    [InlineData(-1, false)]
    [InlineData(2001, false)]
    public void Validates_the_rtp_coalescing_window(int microseconds, bool valid)
    {
        var options = new RtpOptions { CoalesceWindow = TimeSpan.FromMicroseconds(microseconds) };

        Assert.Equal(valid, new RtpOptionsValidator().Validate(null, options).Succeeded);
    }
}
