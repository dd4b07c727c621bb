using Microsoft.Extensions.Logging;

namespace Telepath.Silo.Webhooks;

/// <summary>Source-generated log messages of the silo's webhook plumbing (event ids 8400–8419).</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 8400, EventName = "WebhookSweepResumed", Level = LogLevel.Information,
        Message = "Webhook start-up sweep resumed {Count} queues with pending deliveries")]
    public static partial void SweepResumed(ILogger logger, int count);

    [LoggerMessage(EventId = 8401, EventName = "WebhookSweepFailed", Level = LogLevel.Warning,
        Message = "Webhook start-up sweep failed; the queues' reminders will resume them")]
    public static partial void SweepFailed(ILogger logger, Exception exception);
}
