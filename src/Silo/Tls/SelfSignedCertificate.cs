using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Telepath.Silo.Tls;

/// <summary>
/// The certificate a fresh install serves HTTPS with: made once in the data folder and reused, so a first
/// <c>dotnet run</c> needs no trusted development certificate and clients can pin what they saw.
/// Renewed when it has less than 30 days left.
/// </summary>
internal static class SelfSignedCertificate
{
    /// <summary>File name of the generated certificate inside the data folder.</summary>
    public const string FileName = "telepath-selfsigned.pfx";

    private static readonly TimeSpan s_lifetime = TimeSpan.FromDays(825);
    private static readonly TimeSpan s_renewBefore = TimeSpan.FromDays(30);

    /// <summary>Loads the certificate from <paramref name="directory"/>, creating or renewing it when needed.</summary>
    public static X509Certificate2 LoadOrCreate(string directory, TimeProvider timeProvider)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var now = timeProvider.GetUtcNow();
        if (File.Exists(path))
        {
            var existing = X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
            if (existing.NotAfter.ToUniversalTime() - now.UtcDateTime > s_renewBefore)
            {
                return existing;
            }

            existing.Dispose();
        }

        var pfx = Create(now);
        // Write then rename, so a crash mid-write never leaves a half certificate behind.
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, pfx);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
        return X509CertificateLoader.LoadPkcs12(pfx, password: null);
    }

    private static byte[] Create(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Telepath (self-signed)", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddDnsName(Environment.MachineName);
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(s_lifetime));
        return certificate.Export(X509ContentType.Pfx);
    }
}
