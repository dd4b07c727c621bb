namespace Telepath.Silo.Storage;

/// <summary>Where a silo keeps its state.</summary>
public enum StorageMode
{
    /// <summary>Embedded: one silo, a SQLite file in the data folder.</summary>
    Sqlite,

    /// <summary>Cluster: PostgreSQL for membership, grain state, reminders and records.</summary>
    Postgres,
}
