using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Silo.Storage;
using Telepath.Silo.Tests.Storage;
using Telepath.Silo.Webhooks;

namespace Telepath.Silo.Tests.Webhooks;

/// <summary><see cref="WebhookStore"/> on a real PostgreSQL server, schema applied by the real migrator.</summary>
[Collection(PostgresCollection.Name)]
public sealed class WebhookStorePostgresTests : WebhookStoreScenarios, IAsyncLifetime
{
    private readonly PostgresFixture _postgres;
    private TelepathDatabase? _database;

    public WebhookStorePostgresTests(PostgresFixture postgres) => _postgres = postgres;

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private protected override async Task<WebhookStore> CreateStoreAsync()
    {
        var connectionString = await _postgres.CreateDatabaseAsync("webhooks");
        await new SchemaMigrator(StorageMode.Postgres, connectionString, TimeProvider.System, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        _database = new TelepathDatabase(StorageMode.Postgres, connectionString);
        return new WebhookStore(_database);
    }
}
