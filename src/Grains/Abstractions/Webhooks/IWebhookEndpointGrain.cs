using Orleans.Concurrency;

namespace Telepath.Grains.Abstractions.Webhooks;

/// <summary>
/// One delivery queue, keyed by an endpoint id (<c>whk_…</c>) or an explicit target key: owns the endpoint's row and
/// its deliveries' state, sends them in order per ordering key, and retries on a grain timer with a one-minute
/// reminder as the durable heartbeat.
/// </summary>
[Alias("telepath.IWebhookEndpointGrain")]
public interface IWebhookEndpointGrain : IGrainWithStringKey
{
    /// <summary>Stores a new endpoint with this grain's key as its id.</summary>
    [Alias("Create")]
    Task<WebhookEndpointRecord> CreateAsync(WebhookEndpointRecord endpoint);

    /// <summary>Deletes the endpoint if it belongs to <paramref name="accountId"/>; pending deliveries fail. False when not found.</summary>
    /// <remarks>Interleaves with a running send round so the API never waits behind a slow receiver.</remarks>
    [Alias("Delete"), AlwaysInterleave]
    Task<bool> DeleteAsync(string accountId);

    /// <summary>Makes one delivery of this queue pending again and sends it now. Null when the delivery is not this queue's.</summary>
    /// <remarks>Interleaves with a running send round, like <see cref="DeleteAsync"/>.</remarks>
    [Alias("RetryDelivery"), AlwaysInterleave]
    Task<WebhookDeliveryView?> RetryDeliveryAsync(string deliveryId);

    /// <summary>New rows were queued: make sure the heartbeat is set and send soon. One-way, so publishers never wait.</summary>
    [Alias("Poke"), OneWay]
    Task PokeAsync();
}
