using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using Telepath.Grains.Hosting;
using Telepath.Silo.Storage;

namespace Orleans.Hosting;

/// <summary>Registers Telepath's clustering, grain storage and reminders on a silo.</summary>
public static class SiloBuilderStorageExtensions
{
    /// <summary>
    /// The name of the raw ADO.NET provider. Grains never use it: they get it through
    /// <see cref="FullGrainIdStorage"/> under <see cref="StorageNames.Default"/>.
    /// </summary>
    internal const string AdoNetStorageName = "telepath-adonet";

    /// <summary>
    /// Configures the silo for <paramref name="settings"/>: clustering (localhost for SQLite,
    /// ADO.NET membership on PostgreSQL), <see cref="ClusterOptions"/>, ADO.NET grain storage under
    /// <see cref="StorageNames.Default"/>, as the default provider and as <see cref="StorageNames.PubSub"/>,
    /// ADO.NET reminders, and (unless turned off) schema migration at start-up.
    /// </summary>
    public static ISiloBuilder UseTelepathStorage(this ISiloBuilder silo, StorageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.ConnectionString);
        var dialect = SqlDialect.For(settings.Mode);

        silo.Configure<ClusterOptions>(options =>
        {
            options.ServiceId = settings.ServiceId;
            options.ClusterId = settings.ClusterId;
        });

        if (settings.Mode == StorageMode.Sqlite)
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, null, settings.ServiceId, settings.ClusterId);
        }
        else
        {
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = dialect.Invariant;
                options.ConnectionString = settings.ConnectionString;
            });
            silo.ConfigureEndpoints(settings.AdvertisedAddress, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
        }

        silo.AddAdoNetGrainStorage(AdoNetStorageName, builder => builder.Configure<Serializer>((options, serializer) =>
        {
            options.Invariant = dialect.Invariant;
            options.ConnectionString = settings.ConnectionString;

            // Orleans' own binary format, not the default Newtonsoft JSON: the default embeds .NET
            // type names ($type) in every row, so renaming or moving a state class would make old
            // rows unreadable. This one identifies types by their [Alias] and members by [Id(n)],
            // the same version-tolerance rules our grain messages already follow, and it needs no
            // second set of serialization attributes. The cost is that rows are not human-readable
            // SQL; inspect state through the grains or the dashboard instead.
            options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));

        var services = silo.Services;
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, static (provider, _) =>
            new FullGrainIdStorage(provider.GetRequiredKeyedService<IGrainStorage>(AdoNetStorageName)));
        services.AddKeyedSingleton<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, static (provider, _) =>
            provider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default));
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.PubSub, static (provider, _) =>
            provider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default));
        services.TryAddSingleton<IGrainStorage>(static provider =>
            provider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default));

        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = dialect.Invariant;
            options.ConnectionString = settings.ConnectionString;
        });

        if (settings.MigrateOnStart)
        {
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => new SchemaMigrationParticipant(
                settings,
                provider.GetService<TimeProvider>() ?? TimeProvider.System,
                provider.GetRequiredService<ILoggerFactory>()));
        }

        return silo;
    }
}
