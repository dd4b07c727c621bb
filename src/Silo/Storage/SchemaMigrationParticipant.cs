using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace Telepath.Silo.Storage;

/// <summary>
/// Runs <see cref="SchemaMigrator.MigrateAsync"/> while the silo starts, before membership,
/// reminders and grain storage load their queries from the <c>OrleansQuery</c> table.
/// </summary>
internal sealed class SchemaMigrationParticipant : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>
    /// Just before <see cref="ServiceLifecycleStage.RuntimeInitialize"/>, where the membership table
    /// is initialised; storage and reminders start later still.
    /// </summary>
    public const int Stage = ServiceLifecycleStage.RuntimeInitialize - 1;

    private readonly SchemaMigrator _migrator;

    /// <summary>Creates the participant for one migrator.</summary>
    public SchemaMigrationParticipant(StorageSettings settings, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _migrator = new SchemaMigrator(settings.Mode, settings.ConnectionString, timeProvider, loggerFactory.CreateLogger<SchemaMigrator>());
    }

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(SchemaMigrationParticipant), Stage, MigrateAsync);
    }

    private Task MigrateAsync(CancellationToken cancellationToken) => _migrator.MigrateAsync(cancellationToken);
}
