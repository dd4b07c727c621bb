using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Telepath.Grains.Abstractions.Calls;
using Telepath.Grains.Calls;
using Telepath.Silo.Storage;

namespace Telepath.Silo.Calls;

/// <summary>
/// <see cref="ICallStore"/> over the silo's database, SQLite or PostgreSQL alike (see <see cref="CallStoreSql"/>):
/// list queries are account-scoped, index-backed and keyset-paged; turns and SIP trace sit in a JSON column read
/// only for a single call.
/// </summary>
internal sealed partial class SqlCallStore : ICallStore
{
    private readonly TelepathDatabase _database;

    public SqlCallStore(TelepathDatabase database)
    {
        _database = database;
    }

    public async Task UpsertAsync(CallRecord call, CancellationToken cancellationToken)
    {
        await using var writer = await _database.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        var connection = writer.Connection;
        await using var command = connection.CreateCommand();
        command.CommandText = CallStoreSql.Upsert;
        CallStoreSql.BindRow(command, call, MetricsJson(call.Metrics), DetailJson(call));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task InsertManyAsync(IReadOnlyList<CallRecord> calls, CancellationToken cancellationToken)
    {
        if (calls.Count == 0)
        {
            return;
        }

        await using var writer = await _database.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        var connection = writer.Connection;
        if (_database.Mode == StorageMode.Sqlite)
        {
            // Ten indexes, several keyed by metric values in random order: with SQLite's 2 MB default page cache a
            // large batch thrashes. 256 MB for this connection only.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA cache_size = -262144;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = CallStoreSql.Upsert;
        CallStoreSql.BindRow(command, calls[0], MetricsJson(calls[0].Metrics), DetailJson(calls[0]));
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        foreach (var call in calls)
        {
            CallStoreSql.BindRow(command, call, MetricsJson(call.Metrics), DetailJson(call));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<CallRecord?> GetAsync(string accountId, string callId, CancellationToken cancellationToken) =>
        ReadOneAsync("id = @id AND account_id = @account_id", callId, accountId, cancellationToken);

    public Task<CallRecord?> FindAsync(string callId, CancellationToken cancellationToken) =>
        ReadOneAsync("id = @id", callId, null, cancellationToken);

    public async Task<CallPage> ListAsync(CallQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var total = await CountAsync(connection, query, cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var sort = CallStoreSql.SortExpression(query.Sort);
        var direction = query.Descending ? "DESC" : "ASC";
        var sql = new StringBuilder("SELECT ").Append(CallStoreSql.SummaryColumns).Append(", ").Append(sort).Append(" FROM telepath_calls");
        CallStoreSql.AppendFilters(sql, command, query);
        if (query.After is { } after)
        {
            var comparison = query.Descending ? "<" : ">";
            sql.Append(CultureInfo.InvariantCulture, $" AND ({sort} {comparison} @after_value OR ({sort} = @after_value AND id {comparison} @after_id))");
            if (query.Sort == CallSortField.StartTime)
            {
                // Keep the comparison integer-typed so PostgreSQL can use the bigint index.
                CallStoreSql.Add(command, "after_value", (long)after.Value, DbType.Int64);
            }
            else
            {
                CallStoreSql.Add(command, "after_value", after.Value, DbType.Double);
            }

            CallStoreSql.Add(command, "after_id", after.Id, DbType.String);
        }

        sql.Append(CultureInfo.InvariantCulture, $" ORDER BY {sort} {direction}, id {direction} LIMIT @limit OFFSET @offset;");
        CallStoreSql.Add(command, "limit", query.Limit + 1, DbType.Int32);
        CallStoreSql.Add(command, "offset", query.After is null ? query.Offset : 0, DbType.Int32);
        command.CommandText = sql.ToString();

        var items = new List<CallRecord>(query.Limit + 1);
        var sortValues = new List<double>(query.Limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(ReadSummary(reader));
                sortValues.Add(Convert.ToDouble(reader.GetValue(16), CultureInfo.InvariantCulture));
            }
        }

        var hasMore = items.Count > query.Limit;
        if (hasMore)
        {
            items.RemoveAt(items.Count - 1);
        }

        var next = hasMore && items.Count > 0 ? new CallCursor(sortValues[items.Count - 1], items[^1].Id) : null;
        return new CallPage(items, total, hasMore, next);
    }

    public async Task<IReadOnlyList<LiveCallRow>> ListLiveAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = CallStoreSql.ListLive;
        CallStoreSql.Add(command, "limit", limit, DbType.Int32);
        var rows = new List<LiveCallRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new LiveCallRow(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
        }

        return rows;
    }

    public async IAsyncEnumerable<CallRecord> ScanForStatsAsync(
        string? accountId,
        string? trunkId,
        DateTimeOffset since,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var scope = trunkId is not null ? "trunk_id = @scope" : "account_id = @scope";
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT {CallStoreSql.SummaryColumns} FROM telepath_calls WHERE {scope} AND end_ms >= @since " +
            $"UNION ALL SELECT {CallStoreSql.SummaryColumns} FROM telepath_calls WHERE {scope} AND status IN ('ringing', 'connected');";
        CallStoreSql.Add(command, "scope", trunkId ?? accountId ?? throw new ArgumentException("A scope is required.", nameof(accountId)), DbType.String);
        CallStoreSql.Add(command, "since", since.ToUnixTimeMilliseconds(), DbType.Int64);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadSummary(reader);
        }
    }

    private static async Task<long> CountAsync(DbConnection connection, CallQuery query, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT count(*) FROM telepath_calls");
        CallStoreSql.AppendFilters(sql, command, query);
        command.CommandText = sql.ToString();
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private async Task<CallRecord?> ReadOneAsync(string where, string callId, string? accountId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {CallStoreSql.SummaryColumns}, detail_json FROM telepath_calls WHERE {where};";
        CallStoreSql.Add(command, "id", callId, DbType.String);
        if (accountId is not null)
        {
            CallStoreSql.Add(command, "account_id", accountId, DbType.String);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var call = ReadSummary(reader);
        var detail = JsonSerializer.Deserialize(reader.GetString(16), CallStoreJsonContext.Default.CallDetailDocument);
        return detail is null ? call : call with
        {
            Turns = detail.Turns,
            SipTrace = detail.SipTrace,
            SipTraceTruncated = detail.SipTraceTruncated,
            SipCallId = detail.SipCallId,
            SourceAddress = detail.SourceAddress,
        };
    }
}
