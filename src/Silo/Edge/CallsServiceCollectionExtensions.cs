using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime;
using Telepath.Grains.Abstractions.Identifiers;
using Telepath.Grains.Calls;
using Telepath.Media.Edge;
using Telepath.Silo.Calls;
using Telepath.Silo.Edge;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers calls and analytics in a silo: the call store, the grain-backed <see cref="ICallEvents"/>, the crash sweeper.</summary>
public static class CallsServiceCollectionExtensions
{
    /// <summary>Adds the call store on the silo's database, <see cref="ICallEvents"/>, the live-call registry and sweeper.</summary>
    public static IServiceCollection AddTelepathCalls(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CallSweeperOptions>().Bind(configuration.GetSection(CallSweeperOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ResourceIdGenerator>();
        services.AddSingleton<ICallStore, SqlCallStore>();
        services.AddSingleton<LiveCallRegistry>();
        services.AddSingleton<ICallEvents, GrainCallEvents>();
        services.AddSingleton<CallSweeper>();
        services.AddHostedService(static provider => provider.GetRequiredService<CallSweeper>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, LiveCallShutdown>();
        return services;
    }
}
