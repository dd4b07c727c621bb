using Telepath.Silo.Configuration;
using Telepath.Silo.Storage;

namespace Telepath.Silo.Hosting;

/// <summary>Maps the silo's options onto what the storage wiring needs.</summary>
internal static class StorageSettingsFactory
{
    public static StorageSettings Create(TelepathOptions options, TelepathDatabase database) => new(
        options.Storage,
        database.ConnectionString,
        options.ServiceId,
        options.ClusterId,
        options.SiloPort,
        options.GatewayPort,
        options.AdvertisedAddress);
}
