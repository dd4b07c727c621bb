namespace Telepath.Grains.Abstractions.Webhooks;

/// <summary>
/// The webhook tables (endpoints, outbox, attempt log) in the silo's database. The silo implements it for SQLite and
/// PostgreSQL. Endpoint rows and delivery state are written by the endpoint's grain; the publisher only inserts new
/// pending rows; the API reads lists straight from here (a read model, as for calls).
/// </summary>
public interface IWebhookStore
{
    /// <summary>Inserts a new endpoint.</summary>
    Task InsertEndpointAsync(WebhookEndpointRecord endpoint, CancellationToken cancellationToken);

    /// <summary>The endpoint, deleted ones included; null when there is none.</summary>
    Task<WebhookEndpointRecord?> GetEndpointAsync(string endpointId, CancellationToken cancellationToken);

    /// <summary>The account's endpoints that are not deleted, newest first.</summary>
    Task<IReadOnlyList<WebhookEndpointRecord>> ListEndpointsAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Writes status, failure run and disable facts of an endpoint.</summary>
    Task UpdateEndpointStatusAsync(string endpointId, string status, DateTimeOffset? failingSince, string? disabledReason, DateTimeOffset? at, CancellationToken cancellationToken);

    /// <summary>Inserts outbox rows in one transaction, skipping any (target, event) already queued; returns the targets that got a row.</summary>
    Task<IReadOnlyList<string>> EnqueueAsync(IReadOnlyList<WebhookNewDelivery> deliveries, CancellationToken cancellationToken);

    /// <summary>
    /// The oldest pending delivery of each ordering key of <paramref name="targetId"/>, if it is due at
    /// <paramref name="now"/>, oldest first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<WebhookDeliveryWork>> GetDueHeadsAsync(string targetId, DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>The earliest next attempt among the heads of <paramref name="targetId"/>'s keys; null when nothing is pending.</summary>
    Task<DateTimeOffset?> GetNextAttemptAsync(string targetId, CancellationToken cancellationToken);

    /// <summary>Logs one attempt and updates its delivery, atomically.</summary>
    Task RecordAttemptAsync(WebhookAttemptOutcome outcome, CancellationToken cancellationToken);

    /// <summary>Fails every pending delivery of <paramref name="targetId"/> with <paramref name="reason"/>; returns how many.</summary>
    Task<int> FailPendingAsync(string targetId, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// A page of <paramref name="targetId"/>'s deliveries, newest first, without attempt logs: skips
    /// <paramref name="offset"/> rows, or starts after delivery <paramref name="afterId"/>; reads one row more than
    /// <paramref name="limit"/> so the caller can tell whether more follow. Also returns the target's total.
    /// </summary>
    Task<(IReadOnlyList<WebhookDeliveryView> Items, int Total)> ListDeliveriesAsync(string targetId, int limit, int offset, string? afterId, CancellationToken cancellationToken);

    /// <summary>One delivery with its attempt log; null when there is none.</summary>
    Task<WebhookDeliveryView?> GetDeliveryAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>Makes a delivery pending again, due at <paramref name="now"/>, with one more attempt allowed; false when there is none.</summary>
    Task<bool> ResetForRetryAsync(string deliveryId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every target that has pending deliveries (for the start-up sweep).</summary>
    Task<IReadOnlyList<string>> ListTargetsWithPendingAsync(CancellationToken cancellationToken);
}
