using System.Net;
using System.Net.Sockets;
using Telepath.Silo.Configuration;
using Telepath.Silo.Hosting;
using Telepath.Silo.Storage;

namespace Telepath.Silo.Cli;

/// <summary>
/// A way into the cluster for an admin command, so that commands change state through the grains that own it
/// (never behind a running silo's back). Embedded mode: connect to the running silo's gateway when there is one,
/// else run a short-lived silo on the database. Cluster mode: run a short-lived silo that joins the cluster for the
/// command and leaves it gracefully afterwards — it works whether or not other silos are up.
/// </summary>
internal sealed class CliCluster : IAsyncDisposable
{
    private readonly IHost _host;

    private CliCluster(IHost host, string description)
    {
        _host = host;
        Description = description;
    }

    /// <summary>The grains of the cluster.</summary>
    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>How the command reached the cluster, for the operator.</summary>
    public string Description { get; }

    public static async Task<CliCluster> ConnectAsync(TelepathSettings settings, TelepathDatabase database, CancellationToken cancellationToken)
    {
        var telepath = settings.Telepath;
        if (telepath.Storage == StorageMode.Sqlite && telepath.GatewayPort > 0 && await IsListeningAsync(telepath.GatewayPort, cancellationToken))
        {
            var client = Host.CreateApplicationBuilder();
            client.Logging.SetMinimumLevel(LogLevel.Warning);
            client.UseOrleansClient(orleans => orleans.UseLocalhostClustering(telepath.GatewayPort, telepath.ServiceId, telepath.ClusterId));
            var host = client.Build();
            await host.StartAsync(cancellationToken);
            return new CliCluster(host, $"connected to the running silo's gateway on port {telepath.GatewayPort}");
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        var ephemeral = new TelepathOptions
        {
            Storage = telepath.Storage,
            ConnectionString = telepath.ConnectionString,
            DataDirectory = telepath.DataDirectory,
            ServiceId = telepath.ServiceId,
            ClusterId = telepath.ClusterId,
            AdvertisedAddress = telepath.AdvertisedAddress,
            SiloPort = FreeTcpPort(),
            GatewayPort = 0,
            SiloName = "admin-cli-" + Environment.ProcessId,
        };
        builder.UseOrleans(silo =>
        {
            silo.UseTelepathStorage(StorageSettingsFactory.Create(ephemeral, database));
            silo.Configure<Orleans.Configuration.SiloOptions>(options => options.SiloName = ephemeral.SiloName);
        });
        var siloHost = builder.Build();
        await siloHost.StartAsync(cancellationToken);
        return new CliCluster(siloHost, telepath.Storage == StorageMode.Postgres
            ? "joined the cluster as a short-lived silo"
            : "no silo was running; used the embedded database directly");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken)
    {
        using var probe = new TcpClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(1));
            await probe.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
