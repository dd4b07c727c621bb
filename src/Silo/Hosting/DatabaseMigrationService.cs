using Microsoft.Extensions.Options;
using Telepath.Silo.Configuration;
using Telepath.Silo.Storage;

namespace Telepath.Silo.Hosting;

/// <summary>
/// Applies pending schema migrations at start when <c>Telepath:AutoMigrate</c> is on. It runs before the Orleans silo
/// starts, because Orleans' ADO.NET providers read their queries from the schema while initialising.
/// </summary>
internal sealed partial class DatabaseMigrationService : IHostedService
{
    private readonly TelepathDatabase _database;
    private readonly IOptions<TelepathOptions> _options;
    private readonly ILogger<DatabaseMigrationService> _logger;

    public DatabaseMigrationService(TelepathDatabase database, IOptions<TelepathOptions> options, ILogger<DatabaseMigrationService> logger)
    {
        _database = database;
        _options = options;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Value.AutoMigrate)
        {
            LogSkipped();
            return;
        }

        await SchemaMigrator.MigrateAsync(_database, cancellationToken);
        LogMigrated(_database.Mode);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 8001, EventName = "SchemaMigrated", Level = LogLevel.Information, Message = "{Mode} schema is up to date")]
    private partial void LogMigrated(StorageMode mode);

    [LoggerMessage(EventId = 8002, EventName = "SchemaMigrationSkipped", Level = LogLevel.Information, Message = "Automatic migration is off; run the 'db migrate' command before starting silos")]
    private partial void LogSkipped();
}
