using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telepath.Silo.Storage;
using Telepath.TestKit.Postgres;

namespace Telepath.Silo.Tests.Storage;

/// <summary>Builds plain silo hosts with Telepath storage, the way the program will.</summary>
internal static class TestSiloHost
{
    /// <summary>Builds (does not start) a silo host for <paramref name="settings"/>.</summary>
    public static IHost Build(StorageSettings settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo.UseTelepathStorage(settings));
        return builder.Build();
    }

    /// <summary>Embedded-mode settings for a data folder, on free loopback ports.</summary>
    public static StorageSettings SqliteSettings(string dataDirectory) => new()
    {
        Mode = StorageMode.Sqlite,
        ConnectionString = SqliteConnectionStrings.ForDataDirectory(dataDirectory),
        ServiceId = "telepath-tests",
        ClusterId = "telepath-tests",
        SiloPort = LoopbackPorts.GetFree(),
        GatewayPort = LoopbackPorts.GetFree(),
    };

    /// <summary>Builds and starts an embedded-mode silo on <paramref name="dataDirectory"/>.</summary>
    public static async Task<IHost> StartSqliteAsync(string dataDirectory)
    {
        var host = Build(SqliteSettings(dataDirectory));
        await host.StartAsync();
        return host;
    }
}
