using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Telepath.Grains.Abstractions.Accounts;
using Telepath.Grains.Abstractions.Identifiers;
using Telepath.Silo.Hosting;

namespace Telepath.Load;

/// <summary>
/// Issue #4's benchmark: authenticated <c>GET /v1/api-keys</c> against <c>GET /healthz</c> on the same silo, in the
/// same run, over HTTPS on loopback. The ratio says what auth + scope + rate limiting (one grain call) cost; the p99
/// difference is the latency they add. The load generator shares the machine's cores with the silo.
/// </summary>
internal static class ApiAuthScenario
{
    public static async Task RunAsync(ScenarioArguments arguments)
    {
        var data = Directory.CreateTempSubdirectory("telepath-load-");
        try
        {
            var app = TelepathApplication.Build(
            [
                "--Telepath:DataDirectory=" + data.FullName,
                "--Telepath:Http:ListenAddress=127.0.0.1",
                "--Telepath:Http:HttpPort=-1",
                "--Telepath:Http:HttpsPort=0",
                "--Telepath:SiloPort=" + FreePort(),
                "--Telepath:GatewayPort=0",
                "--Telepath:Sip:ListenAddress=127.0.0.1",
                "--Telepath:Sip:Port=0",
                "--Logging:LogLevel:Default=Warning",
            ]);
            await app.StartAsync();
            var https = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
            var grains = app.Services.GetRequiredService<IGrainFactory>();
            var secret = await MintKeyAsync(grains);

            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = arguments.Concurrency };
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
            using var client = new HttpClient(handler) { BaseAddress = https, DefaultRequestVersion = HttpVersion.Version11 };
            HttpRequestMessage Health() => new(HttpMethod.Get, "/healthz");
            HttpRequestMessage Keys()
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "/v1/api-keys");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
                return request;
            }

            var duration = TimeSpan.FromSeconds(arguments.Seconds);
            var warmUp = TimeSpan.FromSeconds(Math.Max(1, arguments.Seconds / 5));
            await HttpLoad.RunAsync(client, Health, arguments.Concurrency, warmUp);
            await HttpLoad.RunAsync(client, Keys, arguments.Concurrency, warmUp);
            var health = await HttpLoad.RunAsync(client, Health, arguments.Concurrency, duration);
            var keys = await HttpLoad.RunAsync(client, Keys, arguments.Concurrency, duration);

            Console.WriteLine(FormattableString.Invariant($"concurrency {arguments.Concurrency}, {arguments.Seconds} s per phase, HTTPS/1.1 on loopback, {Environment.ProcessorCount} cores shared by silo and load"));
            Print("GET /healthz", health);
            Print("GET /v1/api-keys (auth + scope + rate limit)", keys);
            Console.WriteLine(FormattableString.Invariant($"throughput ratio api-keys/healthz: {keys.RequestsPerSecond / health.RequestsPerSecond:F2}"));
            Console.WriteLine(FormattableString.Invariant($"p99 added by auth + rate limiting: {keys.P99Ms - health.P99Ms:F2} ms (p50 {keys.P50Ms - health.P50Ms:F2} ms)"));
            await app.StopAsync();
            await app.DisposeAsync();
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static void Print(string name, LoadResult result) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-48} {result.RequestsPerSecond,9:F0} req/s   p50 {result.P50Ms,6:F2} ms   p99 {result.P99Ms,6:F2} ms   non-2xx {result.Failures}"));

    private static async Task<string> MintKeyAsync(IGrainFactory grains)
    {
        var ids = new ResourceIdGenerator(TimeProvider.System);
        var accountId = ids.New(ResourcePrefixes.Account);
        await grains.GetGrain<IAccountGrain>(accountId).EnsureCreatedAsync("load", DateTimeOffset.UtcNow);
        var secret = ApiKeySecrets.Generate();
        // The budget is set far above what the run can reach: this measures the cost of counting, not of refusing.
        var command = new ApiKeyCreateCommand(accountId, ids.New(ResourcePrefixes.ApiKey), "load", ApiKeyScopes.All, int.MaxValue / 2, ApiKeySecrets.Hint(secret), DateTimeOffset.UtcNow);
        await grains.GetGrain<IAccountGrain>(accountId).AddApiKeyAsync(command, ApiKeySecrets.GrainKey(secret));
        return secret;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
