using System.Data;
using System.Data.Common;
using System.Text;
using Telepath.Grains.Abstractions.Calls;
using Telepath.Grains.Calls;

namespace Telepath.Silo.Calls;

/// <summary>
/// The SQL of the call store. One text serves SQLite and PostgreSQL: both take <c>@name</c> parameters,
/// <c>INSERT … ON CONFLICT … DO UPDATE</c>, <c>LIMIT/OFFSET</c> and expression indexes.
/// </summary>
internal static class CallStoreSql
{
    /// <summary>The columns of a list row, in reader order.</summary>
    public const string SummaryColumns =
        "id, account_id, trunk_id, direction, status, from_number, to_number, disconnect_reason, start_ms, answer_ms, end_ms, " +
        "codec_used, carrier, owner_silo, updated_ms, metrics_json";

    /// <summary>Inserts or replaces a row; the parameters are those of <see cref="BindRow"/>.</summary>
    public const string Upsert = """
        INSERT INTO telepath_calls (id, account_id, trunk_id, direction, status, from_number, to_number, disconnect_reason,
            start_ms, answer_ms, end_ms, duration_seconds, codec_used, carrier, ai_latency_ms, carrier_lag_ms,
            gateway_processing_ms, owner_silo, updated_ms, metrics_json, detail_json)
        VALUES (@id, @account_id, @trunk_id, @direction, @status, @from_number, @to_number, @disconnect_reason,
            @start_ms, @answer_ms, @end_ms, @duration_seconds, @codec_used, @carrier, @ai_latency_ms, @carrier_lag_ms,
            @gateway_processing_ms, @owner_silo, @updated_ms, @metrics_json, @detail_json)
        ON CONFLICT (id) DO UPDATE SET
            status = excluded.status, disconnect_reason = excluded.disconnect_reason, answer_ms = excluded.answer_ms,
            end_ms = excluded.end_ms, duration_seconds = excluded.duration_seconds, codec_used = excluded.codec_used,
            carrier = excluded.carrier, ai_latency_ms = excluded.ai_latency_ms, carrier_lag_ms = excluded.carrier_lag_ms,
            gateway_processing_ms = excluded.gateway_processing_ms, owner_silo = excluded.owner_silo,
            updated_ms = excluded.updated_ms, metrics_json = excluded.metrics_json, detail_json = excluded.detail_json;
        """;

    /// <summary>The live calls the sweeper examines.</summary>
    public const string ListLive =
        "SELECT id, owner_silo, updated_ms FROM telepath_calls WHERE status IN ('ringing', 'connected') ORDER BY updated_ms LIMIT @limit;";

    /// <summary>The SQL expression a sort orders by (identical to the index expressions in the schema).</summary>
    public static string SortExpression(CallSortField sort) => sort switch
    {
        CallSortField.Duration => "COALESCE(duration_seconds, -1)",
        CallSortField.AiLatency => "COALESCE(ai_latency_ms, -1)",
        CallSortField.CarrierLag => "COALESCE(carrier_lag_ms, -1)",
        CallSortField.GatewayProcessing => "COALESCE(gateway_processing_ms, -1)",
        _ => "start_ms",
    };

    /// <summary>Appends the account scope and the query's filters as a WHERE clause, binding their parameters.</summary>
    public static void AppendFilters(StringBuilder sql, DbCommand command, CallQuery query)
    {
        sql.Append(" WHERE account_id = @account_id");
        Add(command, "account_id", query.AccountId, DbType.String);
        if (query.TrunkId is not null)
        {
            sql.Append(" AND trunk_id = @trunk_id");
            Add(command, "trunk_id", query.TrunkId, DbType.String);
        }

        if (query.Status is not null)
        {
            sql.Append(" AND status = @status");
            Add(command, "status", query.Status, DbType.String);
        }

        if (query.Direction is not null)
        {
            sql.Append(" AND direction = @direction");
            Add(command, "direction", query.Direction, DbType.String);
        }

        if (query.From is { } from)
        {
            sql.Append(" AND start_ms >= @from_ms");
            Add(command, "from_ms", from.ToUnixTimeMilliseconds(), DbType.Int64);
        }

        if (query.To is { } to)
        {
            sql.Append(" AND start_ms <= @to_ms");
            Add(command, "to_ms", to.ToUnixTimeMilliseconds(), DbType.Int64);
        }

        if (query.MinDurationSeconds is { } minDuration)
        {
            sql.Append(" AND duration_seconds >= @min_duration");
            Add(command, "min_duration", minDuration, DbType.Double);
        }

        if (query.MinAiLatencyMs is { } minLatency)
        {
            sql.Append(" AND ai_latency_ms >= @min_ai_latency");
            Add(command, "min_ai_latency", minLatency, DbType.Double);
        }
    }

    /// <summary>
    /// Binds every column of <paramref name="call"/> for <see cref="Upsert"/>; on a command bound before, only the values
    /// change (so a prepared statement is reused).
    /// </summary>
    public static void BindRow(DbCommand command, CallRecord call, string metricsJson, string detailJson)
    {
        var ended = call.EndTime;
        Set(command, "id", call.Id, DbType.String);
        Set(command, "account_id", call.AccountId, DbType.String);
        Set(command, "trunk_id", call.TrunkId, DbType.String);
        Set(command, "direction", call.Direction, DbType.String);
        Set(command, "status", call.Status, DbType.String);
        Set(command, "from_number", call.From, DbType.String);
        Set(command, "to_number", call.To, DbType.String);
        Set(command, "disconnect_reason", call.DisconnectReason, DbType.String);
        Set(command, "start_ms", call.StartTime.ToUnixTimeMilliseconds(), DbType.Int64);
        Set(command, "answer_ms", call.AnswerTime?.ToUnixTimeMilliseconds(), DbType.Int64);
        Set(command, "end_ms", ended?.ToUnixTimeMilliseconds(), DbType.Int64);
        Set(command, "duration_seconds", ended is { } end ? call.DurationSecondsAt(end) : null, DbType.Double);
        Set(command, "codec_used", call.CodecUsed, DbType.String);
        Set(command, "carrier", call.Carrier, DbType.String);
        Set(command, "ai_latency_ms", call.Metrics.AiLatencyMs, DbType.Double);
        Set(command, "carrier_lag_ms", call.Metrics.CarrierLagMs, DbType.Double);
        Set(command, "gateway_processing_ms", call.Metrics.GatewayProcessingMs, DbType.Double);
        Set(command, "owner_silo", call.OwnerSilo, DbType.String);
        Set(command, "updated_ms", call.UpdatedAt.ToUnixTimeMilliseconds(), DbType.Int64);
        Set(command, "metrics_json", metricsJson, DbType.String);
        Set(command, "detail_json", detailJson, DbType.String);
    }

    private static void Set(DbCommand command, string name, object? value, DbType type)
    {
        if (command.Parameters.Contains(name))
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
            return;
        }

        Add(command, name, value, type);
    }

    /// <summary>Adds a parameter; null becomes DBNull with its type still declared (Npgsql needs it).</summary>
    public static DbParameter Add(DbCommand command, string name, object? value, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
