using Microsoft.Extensions.Configuration;
using Telepath.Media.Hosting;
using Telepath.Media.Rtp.Engine;

namespace Telepath.Media.Tests.Hosting;

/// <summary>The <c>Telepath:Rtp</c> keys reach the RTP engine's settings.</summary>
public sealed class MediaOptionsBinderTests
{
    [Fact]
    public void Rtp_section_sets_the_port_range_timeout_and_receive_mode_of_the_engine()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Telepath:Rtp:PortRangeStart"] = "30000",
                ["Telepath:Rtp:PortRangeEnd"] = "30999",
                ["Telepath:Rtp:MediaTimeout"] = "00:00:10",
                ["Telepath:Rtp:EpollReceive"] = "true",
            })
            .Build();
        var rtp = new RtpOptions();
        MediaOptionsBinder.Bind(configuration, rtp);

        RtpEngineOptions engine = MediaOptionsBinder.ToEngineOptions(new SipOptions { ListenAddress = "127.0.0.1" }, rtp);

        Assert.Equal((30000, 30999), (engine.FirstPort, engine.LastPort));
        Assert.Equal(TimeSpan.FromSeconds(10), engine.MediaTimeout);
        Assert.True(engine.EpollReceive);
        Assert.False(new RtpOptions().EpollReceive);
    }
}
