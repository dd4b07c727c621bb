using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Telepath.Grains.Abstractions.Identifiers;
using Telepath.Grains.Abstractions.Webhooks;

namespace Telepath.Silo.Webhooks;

/// <summary>
/// Writes one outbox row per matching endpoint (and the explicit target) in one transaction, then pokes each
/// queue's grain with a one-way call. Nothing here waits for a receiver.
/// </summary>
internal sealed class WebhookPublisher : IWebhookPublisher
{
    /// <summary>The prefix of delivery ids.</summary>
    public const string DeliveryIdPrefix = "dlv";

    private readonly IWebhookStore _store;
    private readonly IGrainFactory _grains;
    private readonly ResourceIdGenerator _ids;
    private readonly TimeProvider _timeProvider;
    private readonly WebhookOptions _options;

    public WebhookPublisher(IWebhookStore store, IGrainFactory grains, ResourceIdGenerator ids, TimeProvider timeProvider, IOptions<WebhookOptions> options)
    {
        _store = store;
        _grains = grains;
        _ids = ids;
        _timeProvider = timeProvider;
        _options = options.Value;
    }

    public async Task<int> PublishAsync(WebhookEvent webhookEvent, WebhookTarget? extraTarget = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        ArgumentException.ThrowIfNullOrEmpty(webhookEvent.Id);
        ArgumentException.ThrowIfNullOrEmpty(webhookEvent.AccountId);
        ArgumentException.ThrowIfNullOrEmpty(webhookEvent.OrderingKey);
        var payload = Payload(webhookEvent);
        var now = _timeProvider.GetUtcNow();
        var deadline = now + _options.RetryWindow;
        var rows = new List<WebhookNewDelivery>();
        foreach (var endpoint in await _store.ListEndpointsAsync(webhookEvent.AccountId, cancellationToken).ConfigureAwait(false))
        {
            if (endpoint.Status == WebhookEndpointStatus.Enabled && WebhookEventTypes.Matches(endpoint.Events, webhookEvent.Type))
            {
                rows.Add(Row(webhookEvent, endpoint.Id, payload, null, null, now, deadline));
            }
        }

        if (extraTarget is not null)
        {
            rows.Add(Row(webhookEvent, extraTarget.Key, payload, extraTarget.Url, extraTarget.Secret, now, deadline));
        }

        var queued = await _store.EnqueueAsync(rows, cancellationToken).ConfigureAwait(false);
        foreach (var target in queued)
        {
            // One-way: completes as soon as the message is queued, whatever the grain then does.
            await _grains.GetGrain<IWebhookEndpointGrain>(target).PokeAsync().ConfigureAwait(false);
        }

        return queued.Count;
    }

    /// <summary>The body receivers get: <c>{"id", "type", "created_at", "data"}</c> (spec §8).</summary>
    internal static string Payload(WebhookEvent webhookEvent)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", webhookEvent.Id);
            writer.WriteString("type", webhookEvent.Type);
            writer.WriteString("created_at", webhookEvent.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WritePropertyName("data");
            writer.WriteRawValue(string.IsNullOrWhiteSpace(webhookEvent.DataJson) ? "{}" : webhookEvent.DataJson, skipInputValidation: false);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private WebhookNewDelivery Row(WebhookEvent e, string targetId, string payload, string? url, string? secret, DateTimeOffset now, DateTimeOffset deadline) =>
        new(_ids.New(DeliveryIdPrefix), targetId, e.AccountId, e.Id, e.Type, e.OrderingKey, payload, url, secret, now, deadline);
}
