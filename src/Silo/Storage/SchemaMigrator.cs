using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace Telepath.Silo.Storage;

/// <summary>
/// Applies the embedded schema scripts of one dialect in version order, recording each in
/// <c>telepath_schema_version(version, name, applied_at)</c>. Idempotent: applied scripts are
/// skipped. Each script runs in its own transaction together with its version row, under an
/// exclusive migration lock (see <see cref="SqlDialect.BeginMigrationTransactionAsync"/>), so
/// several silos starting at once against one database apply every script exactly once, and a
/// failing script leaves the database at the previous version.
/// </summary>
internal sealed class SchemaMigrator
{
    private readonly SqlDialect _dialect;
    private readonly string _connectionString;
    private readonly IReadOnlyList<SqlScript> _scripts;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates a migrator for the scripts embedded in this program.</summary>
    public SchemaMigrator(StorageMode mode, string connectionString, TimeProvider timeProvider, ILogger<SchemaMigrator> logger)
        : this(SqlDialect.For(mode), connectionString, SqlScriptCatalog.Load(SqlDialect.For(mode)), timeProvider, logger)
    {
    }

    /// <summary>Creates a migrator for an explicit script list (tests).</summary>
    internal SchemaMigrator(SqlDialect dialect, string connectionString, IReadOnlyList<SqlScript> scripts, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(scripts);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _dialect = dialect;
        _connectionString = connectionString;
        _scripts = scripts;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The scripts this migrator knows, ascending by version.</summary>
    public IReadOnlyList<SqlScript> Scripts => _scripts;

    /// <summary>Reads the applied scripts and lists the pending ones, without changing anything.</summary>
    public async Task<SchemaStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var exists = await ExecuteScalarAsync(connection, null, _dialect.VersionTableExistsSql, cancellationToken).ConfigureAwait(false);
        var applied = Convert.ToInt64(exists, System.Globalization.CultureInfo.InvariantCulture) == 0
            ? []
            : await ReadAppliedAsync(connection, null, cancellationToken).ConfigureAwait(false);
        return new SchemaStatus(applied, FindPending(applied));
    }

    /// <summary>Applies every pending script and returns the ones this call applied (empty when up to date).</summary>
    /// <exception cref="InvalidOperationException">
    /// A script failed (it was rolled back), or the database recorded a different script under a
    /// version this program knows.
    /// </exception>
    public async Task<IReadOnlyList<SqlScript>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await _dialect.PrepareAsync(connection, cancellationToken).ConfigureAwait(false);
        var appliedNow = new List<SqlScript>();
        while (true)
        {
            // One transaction per script: re-read the version table under the lock every time,
            // since another silo may have applied scripts while this one waited.
            await using var transaction = await _dialect.BeginMigrationTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, _dialect.CreateVersionTableSql, cancellationToken).ConfigureAwait(false);
            var applied = await ReadAppliedAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            var pending = FindPending(applied);
            if (pending.Count == 0)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                StorageLog.SchemaUpToDate(_logger, _dialect.ScriptFolder, _scripts.Count);
                return appliedNow;
            }

            var script = pending[0];
            try
            {
                await ExecuteAsync(connection, transaction, script.Text, cancellationToken).ConfigureAwait(false);
                await RecordAsync(connection, transaction, script, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbException exception)
            {
                StorageLog.SchemaScriptFailed(_logger, exception, _dialect.ScriptFolder, script.Version, script.Name);
                throw new InvalidOperationException(
                    $"Schema script {script.Version:D4}_{script.Name} ({_dialect.ScriptFolder}) failed and was rolled back: {exception.Message}",
                    exception);
            }

            StorageLog.SchemaScriptApplied(_logger, _dialect.ScriptFolder, script.Version, script.Name);
            appliedNow.Add(script);
        }
    }

    private List<SqlScript> FindPending(IReadOnlyList<AppliedScript> applied)
    {
        var byVersion = new Dictionary<int, AppliedScript>(applied.Count);
        foreach (var row in applied)
        {
            byVersion[row.Version] = row;
        }

        var pending = new List<SqlScript>();
        foreach (var script in _scripts)
        {
            if (!byVersion.TryGetValue(script.Version, out var row))
            {
                pending.Add(script);
            }
            else if (!string.Equals(row.Name, script.Name, StringComparison.Ordinal))
            {
                // A renumbered or renamed script would silently skip new SQL: refuse to guess.
                throw new InvalidOperationException(
                    $"The database recorded schema script {row.Version} as '{row.Name}', but this program's script {script.Version} is '{script.Name}'.");
            }
        }

        return pending;
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = _dialect.CreateConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<List<AppliedScript>> ReadAppliedAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version, name, applied_at FROM telepath_schema_version ORDER BY version;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<AppliedScript>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new AppliedScript(
                Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
                reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return rows;
    }

    private async Task RecordAsync(DbConnection connection, DbTransaction transaction, SqlScript script, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO telepath_schema_version (version, name, applied_at) VALUES (@version, @name, @appliedAt);";
        AddParameter(command, "version", script.Version);
        AddParameter(command, "name", script.Name);
        AddParameter(command, "appliedAt", _timeProvider.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ExecuteScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
