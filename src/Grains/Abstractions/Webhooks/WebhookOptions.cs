namespace Telepath.Grains.Abstractions.Webhooks;

/// <summary>Webhook delivery settings, bound from <c>Telepath:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Telepath:Webhooks";

    /// <summary>Per-attempt timeout: a 2xx must arrive within it. Default 30 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Base of the exponential backoff: attempt n waits up to BaseDelay·2^(n−1) (full jitter). Default 5 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Cap on one backoff delay. Default 1 h.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a delivery is retried before it fails. Default 24 h.</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>An endpoint whose attempts all failed for this long is disabled. Default 24 h.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Deliveries sent concurrently by one endpoint (different ordering keys only). Default 8.</summary>
    public int MaxConcurrentPerEndpoint { get; set; } = 8;

    /// <summary>Lets URLs resolve to loopback addresses (tests and local development only). Default false.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>
    /// Certificates trusted for receivers in addition to the system's roots, as SHA-1 thumbprints or SHA-256 hashes
    /// in hex (self-signed test receivers). Default empty. Validation is never turned off.
    /// </summary>
    public IList<string> TrustedCertificateThumbprints { get; } = [];
}
