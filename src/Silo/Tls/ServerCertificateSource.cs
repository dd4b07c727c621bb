using System.Security.Cryptography.X509Certificates;
using Telepath.Silo.Configuration;

namespace Telepath.Silo.Tls;

/// <summary>Picks the HTTPS certificate: the configured file when there is one, else the generated one.</summary>
internal static class ServerCertificateSource
{
    public static X509Certificate2 Load(HttpOptions http, TelepathOptions telepath, TimeProvider timeProvider)
    {
        if (!string.IsNullOrEmpty(http.CertificatePath))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(http.CertificatePath, http.CertificatePassword);
        }

        return SelfSignedCertificate.LoadOrCreate(Path.Combine(telepath.ResolvedDataDirectory, "tls"), timeProvider);
    }
}
