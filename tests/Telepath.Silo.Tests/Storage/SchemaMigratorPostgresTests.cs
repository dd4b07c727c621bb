using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Telepath.Silo.Storage;

namespace Telepath.Silo.Tests.Storage;

/// <summary><see cref="SchemaMigrator"/> on a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SchemaMigratorPostgresTests
{
    private readonly PostgresFixture _postgres;

    public SchemaMigratorPostgresTests(PostgresFixture postgres) => _postgres = postgres;

    [Fact]
    public async Task Migrating_twice_applies_every_script_once_and_then_is_a_no_op()
    {
        var connectionString = await _postgres.CreateDatabaseAsync("migrate_twice");
        var migrator = Create(connectionString);

        var first = await migrator.MigrateAsync(CancellationToken.None);
        var second = await migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal(migrator.Scripts, first);
        Assert.Empty(second);
        var status = await migrator.GetStatusAsync(CancellationToken.None);
        Assert.True(status.IsUpToDate);
        Assert.Equal(migrator.Scripts.Count, status.Applied.Count);
        for (var i = 0; i < status.Applied.Count; i++)
        {
            Assert.Equal(migrator.Scripts[i].Version, status.Applied[i].Version);
            Assert.Equal(migrator.Scripts[i].Name, status.Applied[i].Name);
        }
    }

    [Fact]
    public async Task Concurrent_migrations_apply_each_script_exactly_once()
    {
        var connectionString = await _postgres.CreateDatabaseAsync("migrate_concurrently");
        const int Migrators = 4;
        var runs = new Task<IReadOnlyList<SqlScript>>[Migrators];
        for (var i = 0; i < Migrators; i++)
        {
            var migrator = Create(connectionString);
            runs[i] = Task.Run(() => migrator.MigrateAsync(CancellationToken.None));
        }

        var results = await Task.WhenAll(runs);

        var applied = results.SelectMany(static r => r).Select(static s => s.Version).Order().ToArray();
        var expected = Create(connectionString).Scripts.Select(static s => s.Version).ToArray();
        Assert.Equal(expected, applied);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM telepath_schema_version;", connection);
        Assert.Equal((long)expected.Length, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Every_orleans_query_key_is_in_the_query_table_after_migration()
    {
        var connectionString = await _postgres.CreateDatabaseAsync("query_keys");
        await Create(connectionString).MigrateAsync(CancellationToken.None);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM OrleansQuery;", connection);

        // 10 membership (incl. the optional CleanupDefunctSiloEntryKey) + 3 storage + 7 reminders.
        Assert.Equal(20L, await command.ExecuteScalarAsync());
    }

    private static SchemaMigrator Create(string connectionString)
        => new(
            SqlDialect.Postgres,
            connectionString,
            SqlScriptCatalog.Load(SqlDialect.Postgres),
            TimeProvider.System,
            NullLogger.Instance);
}
