using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Telepath.Silo.Storage;

namespace Telepath.Silo.Tests.Storage;

/// <summary><see cref="SchemaMigrator"/> on the embedded SQLite database.</summary>
public sealed class SchemaMigratorSqliteTests : IDisposable
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 1, 12, 30, 0, TimeSpan.Zero);
    private readonly TemporaryDirectory _directory = new();
    private readonly string _connectionString;

    public SchemaMigratorSqliteTests() => _connectionString = SqliteConnectionStrings.ForDataDirectory(_directory.Path);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Empty_database_reports_every_script_pending_without_creating_anything()
    {
        var migrator = Create();
        var status = await migrator.GetStatusAsync(CancellationToken.None);
        Assert.Equal(0, status.CurrentVersion);
        Assert.Empty(status.Applied);
        Assert.Equal(migrator.Scripts, status.Pending);
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM sqlite_master WHERE name = 'telepath_schema_version';"));
    }

    [Fact]
    public async Task Migrating_twice_applies_every_script_once_and_then_is_a_no_op()
    {
        var migrator = Create();
        var first = await migrator.MigrateAsync(CancellationToken.None);
        var second = await migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal(migrator.Scripts, first);
        Assert.Empty(second);
        var status = await migrator.GetStatusAsync(CancellationToken.None);
        Assert.True(status.IsUpToDate);
        Assert.Equal(migrator.Scripts[^1].Version, status.CurrentVersion);
    }

    [Fact]
    public async Task Version_table_records_version_name_and_applied_at_of_each_script()
    {
        var migrator = Create();
        await migrator.MigrateAsync(CancellationToken.None);
        var status = await migrator.GetStatusAsync(CancellationToken.None);

        Assert.Equal(migrator.Scripts.Count, status.Applied.Count);
        for (var i = 0; i < status.Applied.Count; i++)
        {
            Assert.Equal(migrator.Scripts[i].Version, status.Applied[i].Version);
            Assert.Equal(migrator.Scripts[i].Name, status.Applied[i].Name);
            Assert.Equal(s_now, status.Applied[i].AppliedAt);
        }
    }

    [Fact]
    public async Task Migration_switches_the_database_to_write_ahead_logging()
    {
        await Create().MigrateAsync(CancellationToken.None);
        Assert.Equal("wal", await ScalarAsync("PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task A_failing_script_is_rolled_back_and_earlier_scripts_stay_applied()
    {
        SqlScript[] scripts =
        [
            new(1, "good", "CREATE TABLE good_table (id INTEGER PRIMARY KEY);"),
            new(2, "bad", "CREATE TABLE half_done (id INTEGER); INSERT INTO no_such_table VALUES (1);"),
        ];
        var migrator = Create(scripts);

        await Assert.ThrowsAsync<InvalidOperationException>(() => migrator.MigrateAsync(CancellationToken.None));

        var status = await migrator.GetStatusAsync(CancellationToken.None);
        Assert.Equal(1, status.CurrentVersion);
        Assert.Equal("bad", Assert.Single(status.Pending).Name);
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM sqlite_master WHERE name = 'half_done';"));
    }

    [Fact]
    public async Task A_script_recorded_under_another_name_is_refused()
    {
        await Create([new(1, "original", "CREATE TABLE a (id INTEGER);")]).MigrateAsync(CancellationToken.None);
        var renamed = Create([new(1, "renamed", "CREATE TABLE b (id INTEGER);")]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => renamed.MigrateAsync(CancellationToken.None));
    }

    private SchemaMigrator Create(IReadOnlyList<SqlScript>? scripts = null)
        => new(
            SqlDialect.Sqlite,
            _connectionString,
            scripts ?? SqlScriptCatalog.Load(SqlDialect.Sqlite),
            new FakeTimeProvider(s_now),
            NullLogger.Instance);

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
