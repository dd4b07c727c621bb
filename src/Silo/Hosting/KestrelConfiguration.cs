using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Telepath.Silo.Configuration;
using Telepath.Silo.Tls;

namespace Telepath.Silo.Hosting;

/// <summary>The two listeners: HTTPS for everything, plain HTTP for probes (and the error that says to use HTTPS).</summary>
internal static class KestrelConfiguration
{
    public static void Configure(KestrelServerOptions kestrel, TelepathSettings settings, TimeProvider timeProvider)
    {
        var address = IPAddress.Parse(settings.Http.ListenAddress);
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = settings.Api.MaxRequestBodyBytes;
        if (settings.Http.HttpPort >= 0)
        {
            kestrel.Listen(address, settings.Http.HttpPort);
        }

        var certificate = ServerCertificateSource.Load(settings.Http, settings.Telepath, timeProvider);
        kestrel.Listen(address, settings.Http.HttpsPort, listen => listen.UseHttps(certificate));
    }
}
