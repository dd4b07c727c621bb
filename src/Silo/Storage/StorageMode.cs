namespace Telepath.Silo.Storage;

/// <summary>Where the silo keeps its cluster membership, grain state and reminders.</summary>
public enum StorageMode
{
    /// <summary>
    /// Embedded (default): one silo with localhost clustering; grain state and reminders in a SQLite
    /// file under the data folder.
    /// </summary>
    Sqlite = 0,

    /// <summary>
    /// Cluster: membership, grain state and reminders in PostgreSQL; every silo started against the
    /// same database and cluster id joins one cluster.
    /// </summary>
    Postgres = 1,
}
