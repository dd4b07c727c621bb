using Telepath.Silo.Configuration;
using Telepath.Silo.Storage;

namespace Telepath.Silo.Hosting;

/// <summary>Turns the storage settings into the database handle every component shares.</summary>
internal static class TelepathDatabaseFactory
{
    public static TelepathDatabase Create(TelepathOptions options) => options.Storage switch
    {
        StorageMode.Postgres => new TelepathDatabase(StorageMode.Postgres, options.ConnectionString!),
        _ => new TelepathDatabase(StorageMode.Sqlite, SqliteConnectionStrings.ForDataDirectory(options.ResolvedDataDirectory)),
    };
}
