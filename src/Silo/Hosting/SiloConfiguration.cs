using Orleans.Configuration;
using Orleans.Dashboard;
using Telepath.Silo.Configuration;
using Telepath.Silo.Storage;

namespace Telepath.Silo.Hosting;

/// <summary>The Orleans side of a Telepath silo: identity, storage, dashboard.</summary>
internal static class SiloConfiguration
{
    public static void Configure(ISiloBuilder silo, TelepathSettings settings, TelepathDatabase database)
    {
        var telepath = settings.Telepath;
        silo.UseTelepathStorage(StorageSettingsFactory.Create(telepath, database));
        silo.AddTelepathWebhooks();
        silo.Configure<SiloOptions>(options => options.SiloName = telepath.SiloName ?? $"{Environment.MachineName}-{telepath.SiloPort}");
        if (settings.Dashboard.Enabled)
        {
            // The live log stream would show call ids and numbers to anyone holding the dashboard password.
            silo.AddDashboard(options => options.HideTrace = true);
        }
    }
}
