using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Telepath.Media.Agents;
using Telepath.Media.Agents.Custom;
using Telepath.Media.Agents.ElevenLabs;
using Telepath.Media.Agents.OpenAi;
using Telepath.Media.Bridge;
using Telepath.Media.Edge;
using Telepath.Media.Hosting;
using Telepath.Media.Rtp.Engine;
using Telepath.Media.Sip.UserAgent;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the media engine.</summary>
public static class MediaServiceCollectionExtensions
{
    private const string AgentHttpClientKey = "Telepath.Media.Agents";

    /// <summary>
    /// Adds the media engine: the SIP server as a hosted <see cref="MediaEngine"/>, the RTP engine (sharing its port
    /// allocator with the SIP UAS, so SDP answers name the ports the bridge binds), the agent connector and the call
    /// bridge as the UAS's call handler. <see cref="SipOptions"/> bind from <c>Telepath:Sip</c>, <see cref="RtpOptions"/>
    /// from <c>Telepath:Rtp</c>, <see cref="BridgeOptions"/> from <c>Telepath:Bridge</c>; agent options keep their
    /// defaults unless the host configures them. The host must register <see cref="ITrunkDirectory"/> and
    /// <see cref="ICallEvents"/>; a <see cref="TimeProvider"/> and an <see cref="IIncomingCallHandler"/> of its own are optional.
    /// </summary>
    public static IServiceCollection AddTelepathMedia(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SipOptions>().Configure(o => MediaOptionsBinder.Bind(configuration, o)).ValidateOnStart();
        services.AddOptions<RtpOptions>().Configure(o => MediaOptionsBinder.Bind(configuration, o)).ValidateOnStart();
        services.AddOptions<BridgeOptions>().Configure(o => MediaOptionsBinder.Bind(configuration, o));
        services.AddOptions<AgentOptions>();
        services.AddOptions<OpenAiAgentOptions>();
        services.AddOptions<ElevenLabsAgentOptions>();
        services.AddOptions<CustomAgentOptions>();
        services.AddOptions<EnergyVadOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SipOptions>, SipOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RtpOptions>, RtpOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new RtpEngine(
            MediaOptionsBinder.ToEngineOptions(sp.GetRequiredService<IOptions<SipOptions>>().Value, sp.GetRequiredService<IOptions<RtpOptions>>().Value),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<RtpEngine>>(),
            sp.GetService<IMeterFactory>()));
        // Only the ElevenLabs signed-URL call uses it; keyed so a host's own HttpClient registration stays its own.
        services.TryAddKeyedSingleton(AgentHttpClientKey, static (_, _) => new HttpClient());
        services.TryAddSingleton<IAgentConnector>(sp => new AgentConnector(
            sp.GetRequiredService<IOptions<AgentOptions>>().Value,
            sp.GetRequiredService<IOptions<OpenAiAgentOptions>>().Value,
            sp.GetRequiredService<IOptions<ElevenLabsAgentOptions>>().Value,
            sp.GetRequiredService<IOptions<CustomAgentOptions>>().Value,
            sp.GetRequiredService<IOptions<EnergyVadOptions>>().Value,
            sp.GetRequiredKeyedService<HttpClient>(AgentHttpClientKey),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<AgentConnector>>())
        {
            MediaThreads = sp.GetRequiredService<RtpEngine>().MediaThreads,
        });
        services.TryAddSingleton<IIncomingCallHandler>(sp => new BridgeCallHandler(
            sp.GetRequiredService<ITrunkDirectory>(),
            sp.GetRequiredService<IAgentConnector>(),
            sp.GetRequiredService<RtpEngine>(),
            sp.GetRequiredService<ICallEvents>(),
            sp.GetRequiredService<IOptions<BridgeOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<BridgeCallHandler>>()));
        services.TryAddSingleton(sp =>
        {
            SipOptions sip = sp.GetRequiredService<IOptions<SipOptions>>().Value;
            return new MediaEngine(
                () => new SipServer(
                    sip,
                    sp.GetRequiredService<IOptions<RtpOptions>>().Value,
                    sp.GetRequiredService<ITrunkDirectory>(),
                    sp.GetRequiredService<ICallEvents>(),
                    sp.GetRequiredService<IIncomingCallHandler>(),
                    sp.GetRequiredService<TimeProvider>(),
                    sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
                    sp.GetService<IMeterFactory>(),
                    sp.GetRequiredService<RtpEngine>().Ports),
                sip.DrainTimeout);
        });
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<MediaEngine>());
        return services;
    }
}
