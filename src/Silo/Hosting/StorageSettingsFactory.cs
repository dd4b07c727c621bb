using System.Net;
using Telepath.Silo.Configuration;
using Telepath.Silo.Storage;

namespace Telepath.Silo.Hosting;

/// <summary>Maps the silo's options onto what the storage wiring needs.</summary>
internal static class StorageSettingsFactory
{
    public static StorageSettings Create(TelepathOptions options, TelepathDatabase database) => new()
    {
        Mode = options.Storage,
        ConnectionString = database.ConnectionString,
        ServiceId = options.ServiceId,
        ClusterId = options.ClusterId,
        SiloPort = options.SiloPort,
        GatewayPort = options.GatewayPort,
        AdvertisedAddress = IPAddress.Parse(options.AdvertisedAddress),
        MigrateOnStart = options.AutoMigrate,
    };
}
