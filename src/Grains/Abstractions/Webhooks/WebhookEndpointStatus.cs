namespace Telepath.Grains.Abstractions.Webhooks;

/// <summary>The states of a webhook endpoint.</summary>
public static class WebhookEndpointStatus
{
    /// <summary>Receives events.</summary>
    public const string Enabled = "enabled";

    /// <summary>Failed every attempt for the disable window (24 h by default); receives nothing until recreated.</summary>
    public const string Disabled = "disabled";

    /// <summary>Deleted through the API; never shown again.</summary>
    public const string Deleted = "deleted";
}
