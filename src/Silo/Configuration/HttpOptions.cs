namespace Telepath.Silo.Configuration;

/// <summary>The silo's HTTP listeners, bound from <c>Telepath:Http</c>.</summary>
public sealed class HttpOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Telepath:Http";

    /// <summary>Address both listeners bind to. Default <c>0.0.0.0</c> (all IPv4 interfaces); use <c>::</c> for dual stack.</summary>
    public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>HTTPS port serving the API, the API reference and the dashboard (0 picks a free port). Default 8443.</summary>
    public int HttpsPort { get; set; } = 8443;

    /// <summary>Plain-HTTP port: health probes and the <c>https_required</c> error only (0 picks a free port; -1 disables). Default 8080.</summary>
    public int HttpPort { get; set; } = 8080;

    /// <summary>PFX/PKCS#12 certificate file. Default: none — a self-signed certificate is made in the data folder.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Password of <see cref="CertificatePath"/>, when it has one.</summary>
    public string? CertificatePassword { get; set; }
}
