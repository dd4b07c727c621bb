namespace Telepath.Grains.Abstractions.Webhooks;

/// <summary>Makes one signed HTTP attempt (the silo implements it over a guarded HttpClient). Never throws for receiver faults.</summary>
public interface IWebhookSender
{
    /// <summary>POSTs <paramref name="request"/> once, with the per-attempt timeout, and reports what happened.</summary>
    Task<WebhookSendResult> SendAsync(WebhookSendRequest request, CancellationToken cancellationToken);
}
