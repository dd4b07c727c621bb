using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Telepath.Media.Edge;
using Telepath.Media.Hosting;
using Telepath.Media.Sip.UserAgent;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the media engine.</summary>
public static class MediaServiceCollectionExtensions
{
    /// <summary>
    /// Adds the SIP server as a hosted <see cref="MediaEngine"/>, with <see cref="SipOptions"/> from
    /// <c>Telepath:Sip</c> and <see cref="RtpOptions"/> from <c>Telepath:Rtp</c>, validated on start. The host must
    /// register <see cref="ITrunkDirectory"/> and <see cref="ICallEvents"/>; a <see cref="TimeProvider"/> is optional.
    /// Until the call bridge registers its handler, calls are answered with no media.
    /// </summary>
    public static IServiceCollection AddTelepathMedia(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SipOptions>().Configure(o => MediaOptionsBinder.Bind(configuration, o)).ValidateOnStart();
        services.AddOptions<RtpOptions>().Configure(o => MediaOptionsBinder.Bind(configuration, o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SipOptions>, SipOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RtpOptions>, RtpOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IIncomingCallHandler, AnsweringCallHandler>();
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
                    sp.GetService<IMeterFactory>()),
                sip.DrainTimeout);
        });
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<MediaEngine>());
        return services;
    }
}
