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

    /// <summary>Creates the handle for <paramref name="mode"/> over <paramref name="connectionString"/>.</summary>
    public TelepathDatabase(StorageMode mode, string connectionString)
    {
        Mode = mode;
        _connectionString = connectionString;
        if (mode == StorageMode.Postgres)
        {
            _postgres = NpgsqlDataSource.Create(connectionString);
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

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;
}
