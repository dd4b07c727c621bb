using System.Data.Common;
using Telepath.Grains.Abstractions.Webhooks;
using Telepath.Silo.Storage;

namespace Telepath.Silo.Webhooks;

/// <summary>
/// The webhook tables on SQLite or PostgreSQL. One SQL text serves both engines (named parameters, epoch
/// milliseconds, <c>ON CONFLICT DO NOTHING</c>, <c>LIMIT/OFFSET</c>); only the DDL differs (deploy/sql).
/// </summary>
internal sealed partial class WebhookStore : IWebhookStore
{
    private const string EndpointColumns = "id, account_id, url, description, events, secret, status, disabled_reason, disabled_at, failing_since, created_at";
    private const string DeliveryColumns = "id, target_id, account_id, event_id, event_type, status, attempts, last_status_code, last_latency_ms, last_error, next_attempt_at, created_at, delivered_at";

    // The head of a key is its oldest pending row; only heads may be sent (per-key order, RFC-free house rule).
    private const string HeadsFilter = """
        d.target_id = @target AND d.status = 'pending'
        AND d.seq = (SELECT MIN(h.seq) FROM webhook_deliveries h
                     WHERE h.target_id = d.target_id AND h.ordering_key = d.ordering_key AND h.status = 'pending')
        """;

    private readonly TelepathDatabase _database;

    public WebhookStore(TelepathDatabase database)
    {
        _database = database;
    }

    public async Task InsertEndpointAsync(WebhookEndpointRecord endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        await using var writer = await _database.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        var connection = writer.Connection;
        await using var command = Command(connection, $"INSERT INTO webhook_endpoints ({EndpointColumns}) VALUES (@id, @account, @url, @description, @events, @secret, @status, NULL, NULL, NULL, @created)",
            ("id", endpoint.Id), ("account", endpoint.AccountId), ("url", endpoint.Url), ("description", endpoint.Description),
            ("events", string.Join(',', endpoint.Events)), ("secret", endpoint.Secret), ("status", endpoint.Status), ("created", Ms(endpoint.CreatedAt)));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<WebhookEndpointRecord?> GetEndpointAsync(string endpointId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync($"SELECT {EndpointColumns} FROM webhook_endpoints WHERE id = @id", ReadEndpoint, cancellationToken, ("id", endpointId)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<IReadOnlyList<WebhookEndpointRecord>> ListEndpointsAsync(string accountId, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {EndpointColumns} FROM webhook_endpoints WHERE account_id = @account AND status <> 'deleted' ORDER BY id DESC",
            ReadEndpoint, cancellationToken, ("account", accountId));

    public async Task UpdateEndpointStatusAsync(string endpointId, string status, DateTimeOffset? failingSince, string? disabledReason, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        await using var writer = await _database.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        var connection = writer.Connection;
        var sql = status switch
        {
            WebhookEndpointStatus.Deleted => "UPDATE webhook_endpoints SET status = @status, deleted_at = @at WHERE id = @id",
            WebhookEndpointStatus.Disabled => "UPDATE webhook_endpoints SET status = @status, failing_since = @failing, disabled_reason = @reason, disabled_at = @at WHERE id = @id",
            _ => "UPDATE webhook_endpoints SET status = @status, failing_since = @failing WHERE id = @id AND status = 'enabled'",
        };
        await using var command = Command(connection, sql,
            ("id", endpointId), ("status", status), ("failing", Ms(failingSince)), ("reason", disabledReason), ("at", Ms(at)));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> EnqueueAsync(IReadOnlyList<WebhookNewDelivery> deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        var queued = new List<string>(deliveries.Count);
        if (deliveries.Count == 0)
        {
            return queued;
        }

        await using var writer = await _database.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        var connection = writer.Connection;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var d in deliveries)
        {
            await using var command = Command(connection, """
                INSERT INTO webhook_deliveries (id, target_id, account_id, event_id, event_type, ordering_key, payload, target_url, target_secret,
                    status, attempts, next_attempt_at, deadline_at, created_at)
                VALUES (@id, @target, @account, @event, @type, @key, @payload, @url, @secret, 'pending', 0, @created, @deadline, @created)
                ON CONFLICT (target_id, event_id) DO NOTHING
                """,
                ("id", d.Id), ("target", d.TargetId), ("account", d.AccountId), ("event", d.EventId), ("type", d.EventType), ("key", d.OrderingKey),
                ("payload", d.Payload), ("url", d.TargetUrl), ("secret", d.TargetSecret), ("created", Ms(d.CreatedAt)), ("deadline", Ms(d.DeadlineAt)));
            command.Transaction = transaction;
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0)
            {
                queued.Add(d.TargetId);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return queued;
    }

    public Task<IReadOnlyList<WebhookDeliveryWork>> GetDueHeadsAsync(string targetId, DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        QueryAsync($"""
            SELECT d.id, d.event_id, d.ordering_key, d.payload, d.attempts, d.deadline_at, d.target_url, d.target_secret, d.created_at
            FROM webhook_deliveries d
            WHERE {HeadsFilter} AND d.next_attempt_at <= @now
            ORDER BY d.seq LIMIT @limit
            """,
            static r => new WebhookDeliveryWork(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4), FromMs(r.GetInt64(5)),
                r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), FromMs(r.GetInt64(8))),
            cancellationToken, ("target", targetId), ("now", Ms(now)), ("limit", limit));

    public async Task<DateTimeOffset?> GetNextAttemptAsync(string targetId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync($"SELECT MIN(d.next_attempt_at) FROM webhook_deliveries d WHERE {HeadsFilter}",
            static r => r.IsDBNull(0) ? (long?)null : r.GetInt64(0), cancellationToken, ("target", targetId)).ConfigureAwait(false);
        return rows.Count == 0 || rows[0] is null ? null : FromMs(rows[0]!.Value);
    }

    public async Task RecordAttemptAsync(WebhookAttemptOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var result = outcome.Result;
        var error = Trim(result.Error);
        await using var writer = await _database.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        var connection = writer.Connection;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var insert = Command(connection,
            "INSERT INTO webhook_delivery_attempts (delivery_id, attempt, attempted_at, status_code, latency_ms, error) VALUES (@id, @attempt, @at, @code, @latency, @error)",
            ("id", outcome.DeliveryId), ("attempt", outcome.Attempt), ("at", Ms(result.AttemptedAt)), ("code", result.StatusCode), ("latency", result.LatencyMs), ("error", error)))
        {
            insert.Transaction = transaction;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var update = Command(connection, """
            UPDATE webhook_deliveries SET status = @status, attempts = @attempt, last_status_code = @code, last_latency_ms = @latency,
                last_error = @error, next_attempt_at = COALESCE(@next, next_attempt_at),
                delivered_at = CASE WHEN @status = 'succeeded' THEN @at ELSE delivered_at END
            WHERE id = @id
            """,
            ("id", outcome.DeliveryId), ("status", outcome.Status), ("attempt", outcome.Attempt), ("code", result.StatusCode),
            ("latency", result.LatencyMs), ("error", error), ("next", Ms(outcome.NextAttemptAt)), ("at", Ms(result.AttemptedAt))))
        {
            update.Transaction = transaction;
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> FailPendingAsync(string targetId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var writer = await _database.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        var connection = writer.Connection;
        await using var command = Command(connection,
            "UPDATE webhook_deliveries SET status = 'failed', last_error = @reason WHERE target_id = @target AND status = 'pending'",
            ("target", targetId), ("reason", reason));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<(IReadOnlyList<WebhookDeliveryView> Items, int Total)> ListDeliveriesAsync(string targetId, int limit, int offset, string? afterId, CancellationToken cancellationToken)
    {
        var after = afterId is null ? "" : "AND seq < (SELECT a.seq FROM webhook_deliveries a WHERE a.id = @after)";
        var items = await QueryAsync($"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE target_id = @target {after} ORDER BY seq DESC LIMIT @limit OFFSET @offset",
            static r => ReadDelivery(r, []), cancellationToken, ("target", targetId), ("after", afterId), ("limit", limit + 1), ("offset", offset)).ConfigureAwait(false);
        var total = await QueryAsync("SELECT COUNT(*) FROM webhook_deliveries WHERE target_id = @target", static r => r.GetInt64(0), cancellationToken, ("target", targetId)).ConfigureAwait(false);
        return (items, (int)total[0]);
    }

    public async Task<WebhookDeliveryView?> GetDeliveryAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var attempts = await QueryAsync("SELECT attempt, attempted_at, status_code, latency_ms, error FROM webhook_delivery_attempts WHERE delivery_id = @id ORDER BY seq",
            static r => new WebhookAttemptView(r.GetInt32(0), FromMs(r.GetInt64(1)), r.IsDBNull(2) ? null : r.GetInt32(2), r.GetInt32(3), r.IsDBNull(4) ? null : r.GetString(4)),
            cancellationToken, ("id", deliveryId)).ConfigureAwait(false);
        var rows = await QueryAsync($"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE id = @id", r => ReadDelivery(r, attempts), cancellationToken, ("id", deliveryId)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<bool> ResetForRetryAsync(string deliveryId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var writer = await _database.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        var connection = writer.Connection;
        // A manual retry gets one attempt now; if that fails too the delivery settles as failed again (deadline = now),
        // unless it was still inside its original retry window.
        await using var command = Command(connection, """
            UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = @now,
                deadline_at = CASE WHEN deadline_at > @now THEN deadline_at ELSE @now END
            WHERE id = @id
            """, ("id", deliveryId), ("now", Ms(now)));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public Task<IReadOnlyList<string>> ListTargetsWithPendingAsync(CancellationToken cancellationToken) =>
        QueryAsync("SELECT DISTINCT target_id FROM webhook_deliveries WHERE status = 'pending'", static r => r.GetString(0), cancellationToken);
}
