namespace Telepath.Grains.Abstractions.Webhooks;

/// <summary>Decides whether a URL may receive webhooks (https only, no private, loopback or link-local address).</summary>
public interface IWebhookUrlPolicy
{
    /// <summary>Null when <paramref name="url"/> is acceptable, else a sentence saying why not (it resolves the host name).</summary>
    Task<string?> CheckAsync(string url, CancellationToken cancellationToken);
}
