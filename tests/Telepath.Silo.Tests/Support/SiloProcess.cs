using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Telepath.Media.Hosting;
using Telepath.Silo.Hosting;
using Telepath.TestKit.Network;

namespace Telepath.Silo.Tests.Support;

/// <summary>
/// One real Telepath silo (the program's own composition) on free loopback ports with its own data folder, plus
/// HTTP clients for its two listeners. The HTTPS client trusts exactly the certificate this silo serves.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private SiloProcess(WebApplication app, Uri httpsBase, Uri httpBase)
    {
        _app = app;
        HttpsBase = httpsBase;
        HttpBase = httpBase;
        Https = CreateClient(httpsBase);
        Http = CreateClient(httpBase);
    }

    /// <summary>Base address of the HTTPS listener.</summary>
    public Uri HttpsBase { get; }

    /// <summary>Base address of the plain-HTTP listener.</summary>
    public Uri HttpBase { get; }

    /// <summary>Client for the HTTPS listener.</summary>
    public HttpClient Https { get; }

    /// <summary>Client for the plain-HTTP listener.</summary>
    public HttpClient Http { get; }

    /// <summary>The silo's service provider.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The media engine's SIP listener (UDP; TCP shares the port), on 127.0.0.1.</summary>
    public IPEndPoint SipEndPoint => _app.Services.GetRequiredService<MediaEngine>().SipEndPoints[0];

    /// <summary>The grains, as the silo's own API endpoints reach them.</summary>
    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts a silo whose data lives in <paramref name="dataDirectory"/>; extra switches override defaults.</summary>
    public static Task<SiloProcess> StartAsync(string dataDirectory, params string[] extraSwitches) =>
        StartAsync(dataDirectory, configureApp: null, extraSwitches);

    /// <summary>As <see cref="StartAsync(string, string[])"/>, letting the test add routes before the silo starts.</summary>
    public static Task<SiloProcess> StartAsync(string dataDirectory, Action<WebApplication>? configureApp, params string[] extraSwitches) =>
        StartAsync(dataDirectory, configureBuilder: null, configureApp, extraSwitches);

    /// <summary>
    /// As <see cref="StartAsync(string, Action{WebApplication}?, string[])"/>, also letting the test add services and
    /// logging providers to the builder (before the silo's own registrations).
    /// </summary>
    public static async Task<SiloProcess> StartAsync(
        string dataDirectory, Action<WebApplicationBuilder>? configureBuilder, Action<WebApplication>? configureApp, params string[] extraSwitches)
    {
        var switches = new List<string>
        {
            "--Telepath:DataDirectory=" + dataDirectory,
            "--Telepath:Http:ListenAddress=127.0.0.1",
            "--Telepath:Http:HttpPort=0",
            "--Telepath:Http:HttpsPort=0",
            "--Telepath:SiloPort=" + FreePort.Tcp(),
            "--Telepath:GatewayPort=" + FreePort.Tcp(),
            "--Logging:LogLevel:Default=Warning",
        };
        switches.AddRange(MediaSwitches());
        switches.AddRange(extraSwitches);
        var app = TelepathApplication.Build([.. switches], configureBuilder);
        configureApp?.Invoke(app);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var https = new Uri(addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)));
        var http = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal));
        return new SiloProcess(app, https, http is null ? https : new Uri(http));
    }

    /// <summary>Stops the silo gracefully (leaves the cluster) and releases its ports. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Https.Dispose();
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>
    /// SIP on a free loopback port and an RTP range of its own, so silos started in parallel (in one test run or
    /// several) never collide: the range starts at a port the OS just reported free.
    /// </summary>
    public static string[] MediaSwitches()
    {
        var rtpStart = Math.Min(FreePort.Udp() & ~1, 65_000);
        return
        [
            "--Telepath:Sip:ListenAddress=127.0.0.1",
            "--Telepath:Sip:Port=0",
            "--Telepath:Rtp:PortRangeStart=" + rtpStart.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Telepath:Rtp:PortRangeEnd=" + (rtpStart + 99).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ];
    }

    private static HttpClient CreateClient(Uri baseAddress)
    {
        var handler = new SocketsHttpHandler();
        // The silo serves a self-signed certificate made for it; these tests check the transport, not the PKI.
        handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        return new HttpClient(handler) { BaseAddress = baseAddress, DefaultRequestVersion = HttpVersion.Version11 };
    }
}
