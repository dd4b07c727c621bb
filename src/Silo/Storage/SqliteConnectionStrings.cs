using Microsoft.Data.Sqlite;

namespace Telepath.Silo.Storage;

/// <summary>Builds the connection string of the embedded SQLite database.</summary>
public static class SqliteConnectionStrings
{
    /// <summary>The database file's name inside the data folder.</summary>
    public const string FileName = "telepath.db";

    /// <summary>
    /// How long a command waits for another writer's lock before failing, in seconds. SQLite allows
    /// one writer at a time; Microsoft.Data.Sqlite retries a busy database until this expires, so
    /// concurrent grain writes queue instead of failing with "database is locked".
    /// </summary>
    public const int BusyTimeoutSeconds = 30;

    /// <summary>
    /// Returns the connection string of <c>&lt;dataDirectory&gt;/telepath.db</c>, creating the
    /// folder (not the file: the first connection does that) if it is missing.
    /// </summary>
    public static string ForDataDirectory(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var directory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(directory);
        return ForFile(Path.Combine(directory, FileName));
    }

    /// <summary>Returns the connection string of one database file.</summary>
    public static string ForFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,

            // A private cache per connection: shared-cache mode uses table-level locks that fail
            // immediately instead of honouring the busy timeout.
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusyTimeoutSeconds,
        };
        return builder.ToString();
    }
}
