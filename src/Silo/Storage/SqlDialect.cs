using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Telepath.Silo.Storage;

/// <summary>
/// The few things that differ between our two databases: driver, script folder, how a migration
/// takes its exclusive lock, and the DDL of the version table.
/// </summary>
internal sealed class SqlDialect
{
    /// <summary>
    /// "TELEPATH" in ASCII: one fixed key, so every silo's migrator contends for the same
    /// PostgreSQL advisory lock.
    /// </summary>
    private const long MigrationLockKey = 0x54454C4550415448;

    private SqlDialect(StorageMode mode, string scriptFolder, string invariant)
    {
        Mode = mode;
        ScriptFolder = scriptFolder;
        Invariant = invariant;
    }

    /// <summary>Embedded SQLite through Microsoft.Data.Sqlite.</summary>
    public static SqlDialect Sqlite { get; } = new(StorageMode.Sqlite, "sqlite", StorageInvariants.Sqlite);

    /// <summary>PostgreSQL through Npgsql.</summary>
    public static SqlDialect Postgres { get; } = new(StorageMode.Postgres, "postgresql", StorageInvariants.Postgres);

    /// <summary>The storage mode this dialect serves.</summary>
    public StorageMode Mode { get; }

    /// <summary>The folder under <c>deploy/sql/</c> holding this dialect's scripts.</summary>
    public string ScriptFolder { get; }

    /// <summary>The ADO.NET invariant Orleans' providers are configured with.</summary>
    public string Invariant { get; }

    /// <summary>Creates (and is idempotent about) the table that records applied scripts.</summary>
    public string CreateVersionTableSql => Mode == StorageMode.Postgres
        ? "CREATE TABLE IF NOT EXISTS telepath_schema_version (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL);"
        : "CREATE TABLE IF NOT EXISTS telepath_schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);";

    /// <summary>Returns one row, one column: non-zero when the version table exists.</summary>
    public string VersionTableExistsSql => Mode == StorageMode.Postgres
        ? "SELECT CASE WHEN to_regclass('telepath_schema_version') IS NULL THEN 0 ELSE 1 END;"
        : "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'telepath_schema_version';";

    /// <summary>Returns the dialect of a storage mode.</summary>
    public static SqlDialect For(StorageMode mode) => mode switch
    {
        StorageMode.Sqlite => Sqlite,
        StorageMode.Postgres => Postgres,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown storage mode."),
    };

    /// <summary>Creates an unopened connection of this dialect's driver.</summary>
    public DbConnection CreateConnection(string connectionString) => Mode == StorageMode.Postgres
        ? new NpgsqlConnection(connectionString)
        : new SqliteConnection(connectionString);

    /// <summary>
    /// One-time per-migration database settings. SQLite: switch the file to write-ahead logging,
    /// which lets readers run beside the single writer; the mode is stored in the file and persists.
    /// </summary>
    public async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (Mode != StorageMode.Sqlite)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Begins a transaction that excludes every other migrator until it ends. PostgreSQL: a
    /// transaction-scoped advisory lock, released by commit or rollback, so silos starting together
    /// apply each script exactly once. SQLite: <c>BEGIN IMMEDIATE</c> takes the write lock up front
    /// (waiting out other writers for the connection's default timeout) instead of failing on upgrade.
    /// </summary>
    public async Task<DbTransaction> BeginMigrationTransactionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (connection is SqliteConnection sqlite)
        {
            return sqlite.BeginTransaction(deferred: false);
        }

        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT pg_advisory_xact_lock(@key);";
            var key = command.CreateParameter();
            key.ParameterName = "key";
            key.Value = MigrationLockKey;
            command.Parameters.Add(key);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
