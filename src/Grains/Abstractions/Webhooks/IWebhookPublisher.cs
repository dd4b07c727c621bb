namespace Telepath.Grains.Abstractions.Webhooks;

/// <summary>
/// Publishes events to webhooks. Grains (CallGrain, TrunkGrain) call it; the silo implements it. It only writes the
/// outbox rows (durably, before returning) and pokes the delivery grains with one-way calls, so a slow or dead
/// receiver never delays the caller.
/// </summary>
public interface IWebhookPublisher
{
    /// <summary>
    /// Queues <paramref name="webhookEvent"/> for every enabled endpoint of its account subscribed to its type, and for
    /// <paramref name="extraTarget"/> when given. Idempotent per event id and target. Returns the number of deliveries queued.
    /// </summary>
    Task<int> PublishAsync(WebhookEvent webhookEvent, WebhookTarget? extraTarget = null, CancellationToken cancellationToken = default);
}
