using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Telepath.Grains.Abstractions.Accounts;
using Telepath.Grains.Abstractions.Identifiers;
using Telepath.Silo.Hosting;

namespace Telepath.Load;

/// <summary>
/// The real silo program (embedded SQLite, one silo) in the load process, on loopback only, with a fresh data folder
/// and an account whose API key the run uses.
/// </summary>
internal sealed class LoadSilo : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DirectoryInfo _data;

    private LoadSilo(WebApplication app, DirectoryInfo data, Uri https, string apiKey)
    {
        _app = app;
        _data = data;
        Https = https;
        ApiKey = apiKey;
    }

    public Uri Https { get; }

    public string ApiKey { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<LoadSilo> StartAsync(params string[] extra)
    {
        var data = Directory.CreateTempSubdirectory("telepath-load-");
        var app = TelepathApplication.Build(
        [
            "--Telepath:DataDirectory=" + data.FullName,
            "--Telepath:Http:ListenAddress=127.0.0.1",
            "--Telepath:Http:HttpPort=-1",
            "--Telepath:Http:HttpsPort=0",
            "--Telepath:SiloPort=" + LoopbackPort.FreeTcp(),
            "--Telepath:GatewayPort=0",
            "--Telepath:Sip:ListenAddress=127.0.0.1",
            "--Telepath:Sip:Port=0",
            "--Logging:LogLevel:Default=Warning",
            .. extra,
        ]);
        await app.StartAsync();
        var https = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        var apiKey = await MintKeyAsync(app.Services.GetRequiredService<IGrainFactory>());
        return new LoadSilo(app, data, https, apiKey);
    }

    /// <summary>An HTTPS client for the API (the silo's certificate is self-signed), <paramref name="connections"/> wide.</summary>
    public HttpClient CreateClient(int connections)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections };
        handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        return new HttpClient(handler) { BaseAddress = Https, DefaultRequestVersion = HttpVersion.Version11 };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _data.Delete(recursive: true);
    }

    private static async Task<string> MintKeyAsync(IGrainFactory grains)
    {
        var ids = new ResourceIdGenerator(TimeProvider.System);
        var accountId = ids.New(ResourcePrefixes.Account);
        await grains.GetGrain<IAccountGrain>(accountId).EnsureCreatedAsync("load", DateTimeOffset.UtcNow);
        var secret = ApiKeySecrets.Generate();
        // The budget is set far above what a run can reach: runs measure the cost of counting, not of refusing.
        var command = new ApiKeyCreateCommand(accountId, ids.New(ResourcePrefixes.ApiKey), "load", ApiKeyScopes.All, int.MaxValue / 2, ApiKeySecrets.Hint(secret), DateTimeOffset.UtcNow);
        await grains.GetGrain<IAccountGrain>(accountId).AddApiKeyAsync(command, ApiKeySecrets.GrainKey(secret));
        return secret;
    }
}
