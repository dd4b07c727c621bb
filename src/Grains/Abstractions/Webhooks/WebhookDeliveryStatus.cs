namespace Telepath.Grains.Abstractions.Webhooks;

/// <summary>The states of one delivery (one event to one target).</summary>
public static class WebhookDeliveryStatus
{
    /// <summary>Not delivered yet; will be (re)tried at <c>next_attempt_at</c>.</summary>
    public const string Pending = "pending";

    /// <summary>The receiver answered 2xx.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>Gave up: retries ran out (24 h by default), or the endpoint was deleted or disabled.</summary>
    public const string Failed = "failed";
}
