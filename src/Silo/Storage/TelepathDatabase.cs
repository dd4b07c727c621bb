using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Telepath.Silo.Storage;

/// <summary>
/// The silo's own handle on its database (the one Orleans' providers also use): opens connections for health
/// probes, migrations and — later — the call store and webhook outbox, whichever engine is configured.
/// </summary>
public sealed class TelepathDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string _connectionString;

    // SQLite lets one connection write at a time. A second writer gets SQLITE_BUSY, and Microsoft.Data.Sqlite retries
    // by sleeping its thread in 150 ms steps: a thread-pool thread the call bridge shares, held for hundreds of
    // milliseconds now and then. Our writers wait their turn here instead, which holds no thread.
    private readonly SemaphoreSlim? _sqliteWriteGate;

    /// <summary>Creates the handle for <paramref name="mode"/> over <paramref name="connectionString"/>.</summary>
    public TelepathDatabase(StorageMode mode, string connectionString)
    {
        Mode = mode;
        _connectionString = connectionString;
        if (mode == StorageMode.Postgres)
        {
            _postgres = NpgsqlDataSource.Create(connectionString);
        }
        else
        {
            _sqliteWriteGate = new SemaphoreSlim(1, 1);
        }
    }

    /// <summary>The engine behind this handle.</summary>
    public StorageMode Mode { get; }

    /// <summary>The connection string the Orleans ADO.NET providers are given.</summary>
    public string ConnectionString => _connectionString;

    /// <summary>Opens a new connection; the caller disposes it.</summary>
    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>
    /// Opens a connection for a write; the caller disposes the writer. With SQLite, writers take turns (asynchronously)
    /// for as long as they hold it; PostgreSQL writers run side by side.
    /// </summary>
    public async Task<DatabaseWriter> OpenWriterAsync(CancellationToken cancellationToken)
    {
        if (_sqliteWriteGate is null)
        {
            return new DatabaseWriter(await OpenConnectionAsync(cancellationToken).ConfigureAwait(false), null);
        }

        await _sqliteWriteGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new DatabaseWriter(await OpenConnectionAsync(cancellationToken).ConfigureAwait(false), _sqliteWriteGate);
        }
        catch
        {
            _sqliteWriteGate.Release();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
        }

        _sqliteWriteGate?.Dispose();
    }
}
