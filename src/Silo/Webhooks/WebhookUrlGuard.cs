using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Telepath.Grains.Abstractions.Webhooks;

namespace Telepath.Silo.Webhooks;

/// <summary>
/// The SSRF guard: a webhook URL must be absolute https without credentials, and every address its host resolves to
/// must pass <see cref="WebhookAddressRules"/>. The same rules run again in the sender's connect callback, so a name
/// that later re-resolves to a private address (DNS rebinding) is still refused.
/// </summary>
internal sealed class WebhookUrlGuard : IWebhookUrlPolicy
{
    private readonly WebhookOptions _options;

    public WebhookUrlGuard(IOptions<WebhookOptions> options)
    {
        _options = options.Value;
    }

    public async Task<string?> CheckAsync(string url, CancellationToken cancellationToken)
    {
        // On Unix "/path" parses as an absolute file URI, hence the explicit scheme separator check.
        if (!url.Contains("://", StringComparison.Ordinal) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.HostNameType == UriHostNameType.Unknown)
        {
            return "url must be an absolute URL";
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return "url must use https://";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "url must not contain a user name or password";
        }

        IReadOnlyList<IPAddress> addresses;
        try
        {
            addresses = await ResolveAsync(uri.IdnHost, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return $"url host '{uri.Host}' could not be resolved";
        }

        if (addresses.Count == 0)
        {
            return $"url host '{uri.Host}' could not be resolved";
        }

        foreach (var address in addresses)
        {
            if (WebhookAddressRules.Refusal(address, _options.AllowLoopback) is { } reason)
            {
                return $"url must not point to a {reason} ({address})";
            }
        }

        return null;
    }

    /// <summary>The addresses of <paramref name="host"/>: itself when it is an IP literal, else DNS.</summary>
    public static async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var trimmed = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (IPAddress.TryParse(trimmed, out var literal))
        {
            return [literal];
        }

        return await Dns.GetHostAddressesAsync(trimmed, cancellationToken).ConfigureAwait(false);
    }
}
