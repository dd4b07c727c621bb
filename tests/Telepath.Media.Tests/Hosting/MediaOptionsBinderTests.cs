using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Telepath.Media.Hosting;
using Telepath.Media.Rtp.Engine;

namespace Telepath.Media.Tests.Hosting;

/// <summary>The <c>Telepath:Sip</c> and <c>Telepath:Rtp</c> keys reach the options and the RTP engine's settings.</summary>
public sealed class MediaOptionsBinderTests
{
    /// <summary>The binder is written by hand (no reflection in the media assembly): every setting must have its line.</summary>
    [Fact]
    public void Every_sip_and_rtp_setting_is_bound_from_configuration()
    {
        var expected = new Dictionary<string, object>();
        var values = new Dictionary<string, string?>();
        Collect(new SipOptions(), SipOptions.SectionName, expected, values);
        Collect(new RtpOptions(), "Telepath:Rtp", expected, values);
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var sip = new SipOptions();
        var rtp = new RtpOptions();
        MediaOptionsBinder.Bind(configuration, sip);
        MediaOptionsBinder.Bind(configuration, rtp);

        foreach ((string key, object value) in expected)
        {
            object target = key.StartsWith(SipOptions.SectionName, StringComparison.Ordinal) ? sip : rtp;
            PropertyInfo property = target.GetType().GetProperty(key[(key.LastIndexOf(':') + 1)..])!;
            Assert.True(Equals(value, property.GetValue(target)), key + " is not bound");
        }
    }

    /// <summary>Picks, for each settable property, a configuration value that differs from its default.</summary>
    private static void Collect(object defaults, string section, Dictionary<string, object> expected, Dictionary<string, string?> values)
    {
        foreach (PropertyInfo property in defaults.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanWrite)
            {
                continue;
            }

            object? current = property.GetValue(defaults);
            object changed = property.PropertyType switch
            {
                Type t when t == typeof(int) => (int)current! + 1,
                Type t when t == typeof(bool) => !(bool)current!,
                Type t when t == typeof(TimeSpan) => (TimeSpan)current! + TimeSpan.FromSeconds(1),
                Type t when t == typeof(string) => "192.0.2.55",
                Type t => throw new InvalidOperationException("Add a case for " + t.Name),
            };
            string key = section + ":" + property.Name;
            expected[key] = changed;
            values[key] = Convert.ToString(changed, CultureInfo.InvariantCulture);
        }
    }

    [Fact]
    public void Rtp_section_sets_the_port_range_timeout_receive_mode_media_threads_and_coalescing_of_the_engine()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Telepath:Rtp:PortRangeStart"] = "30000",
                ["Telepath:Rtp:PortRangeEnd"] = "30999",
                ["Telepath:Rtp:MediaTimeout"] = "00:00:10",
                ["Telepath:Rtp:EpollReceive"] = "false",
                ["Telepath:Rtp:ReceiveThreads"] = "3",
                ["Telepath:Rtp:RealtimeThreads"] = "false",
                ["Telepath:Rtp:CoalesceWindow"] = "00:00:00.0005",
            })
            .Build();
        var rtp = new RtpOptions();
        MediaOptionsBinder.Bind(configuration, rtp);

        RtpEngineOptions engine = MediaOptionsBinder.ToEngineOptions(new SipOptions { ListenAddress = "127.0.0.1" }, rtp);

        Assert.Equal((30000, 30999), (engine.FirstPort, engine.LastPort));
        Assert.Equal(TimeSpan.FromSeconds(10), engine.MediaTimeout);
        Assert.False(engine.EpollReceive);
        Assert.Equal(3, engine.ReceiveThreads);
        Assert.False(engine.RealtimeThreads);
        Assert.Equal(TimeSpan.FromMicroseconds(500), engine.CoalesceWindow);
        Assert.Equal(TimeSpan.Zero, new RtpOptions().CoalesceWindow);
        Assert.True(new RtpOptions().EpollReceive);
        Assert.True(new RtpOptions().RealtimeThreads);
        Assert.Equal(0, new RtpOptions().ReceiveThreads);
    }
}
