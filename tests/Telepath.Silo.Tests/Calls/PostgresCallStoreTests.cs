using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Grains.Calls;
using Telepath.Silo.Calls;
using Telepath.Silo.Storage;
using Telepath.Silo.Tests.Storage;

namespace Telepath.Silo.Tests.Calls;

/// <summary>The call store contract on a real PostgreSQL server (cluster mode).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCallStoreTests : CallStoreScenarios
{
    private readonly PostgresFixture _postgres;

    public PostgresCallStoreTests(PostgresFixture postgres) => _postgres = postgres;

    protected override async Task<ICallStore> CreateStoreAsync()
    {
        var connectionString = await _postgres.CreateDatabaseAsync("calls");
        await new SchemaMigrator(StorageMode.Postgres, connectionString, TimeProvider.System, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return new SqlCallStore(new TelepathDatabase(StorageMode.Postgres, connectionString));
    }
}
