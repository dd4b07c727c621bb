// Temporary until the storage branch lands; deleted at merge.
using Microsoft.Data.Sqlite;
using Telepath.Silo.Storage;

namespace Telepath.Silo.Storage
{
    public sealed record StorageSettings(StorageMode Mode, string ConnectionString, string ServiceId, string ClusterId, int SiloPort, int GatewayPort, string AdvertisedAddress);

    public static class SqliteConnectionStrings
    {
        public static string ForDataDirectory(string dataDirectory)
        {
            Directory.CreateDirectory(dataDirectory);
            return new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "telepath.db"), DefaultTimeout = 30 }.ToString();
        }
    }

    public static class SchemaMigrator
    {
        public static Task MigrateAsync(TelepathDatabase database, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

namespace Orleans.Hosting
{
    public static class SiloBuilderStorageExtensions
    {
        public static ISiloBuilder UseTelepathStorage(this ISiloBuilder silo, StorageSettings settings)
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
            silo.AddMemoryGrainStorageAsDefault();
            silo.AddMemoryGrainStorage("telepath");
            return silo;
        }
    }
}
