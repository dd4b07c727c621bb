using Microsoft.Extensions.Logging;

namespace Telepath.Grains.Webhooks;

internal sealed partial class WebhookEndpointGrain
{
    /// <summary>Source-generated logs of the delivery grain (event ids 6400–6419).</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 6400, EventName = "WebhookEndpointDisabled", Level = LogLevel.Warning,
            Message = "Webhook endpoint {EndpointId} disabled: {Reason}")]
        public static partial void EndpointDisabled(ILogger logger, string endpointId, string reason);

        [LoggerMessage(EventId = 6401, EventName = "WebhookDeliveryFailed", Level = LogLevel.Information,
            Message = "Webhook delivery {DeliveryId} to {TargetId} gave up after {Attempts} attempts: {Error}")]
        public static partial void DeliveryFailed(ILogger logger, string deliveryId, string targetId, int attempts, string? error);

        [LoggerMessage(EventId = 6402, EventName = "WebhookPendingAbandoned", Level = LogLevel.Information,
            Message = "{Count} pending webhook deliveries to {TargetId} failed: {Reason}")]
        public static partial void PendingAbandoned(ILogger logger, int count, string targetId, string reason);
    }
}
