using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Silo.Storage;
using Telepath.Silo.Tests.Storage;
using Telepath.Silo.Webhooks;

namespace Telepath.Silo.Tests.Webhooks;

/// <summary><see cref="WebhookStore"/> on the embedded SQLite database, schema applied by the real migrator.</summary>
public sealed class WebhookStoreSqliteTests : WebhookStoreScenarios, IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private TelepathDatabase? _database;

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private protected override async Task<WebhookStore> CreateStoreAsync()
    {
        var connectionString = SqliteConnectionStrings.ForDataDirectory(_directory.Path);
        await new SchemaMigrator(StorageMode.Sqlite, connectionString, TimeProvider.System, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        _database = new TelepathDatabase(StorageMode.Sqlite, connectionString);
        return new WebhookStore(_database);
    }
}
