namespace Telepath.Api.Hosting;

/// <summary>Settings of the REST API, bound from <c>Telepath:Api</c>.</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Telepath:Api";

    /// <summary>
    /// IP addresses of TLS-terminating proxies whose <c>X-Forwarded-Proto</c>/<c>X-Forwarded-For</c> are believed.
    /// Default: none (no forwarded header is trusted).
    /// </summary>
    public IList<string> TrustedProxies { get; } = [];

    /// <summary>Largest request body accepted, in bytes; larger bodies get <c>413 payload_too_large</c>. Default 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
