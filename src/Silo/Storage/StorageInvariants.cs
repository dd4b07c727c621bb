namespace Telepath.Silo.Storage;

/// <summary>
/// ADO.NET invariant names Orleans' providers accept. Orleans maps <see cref="Sqlite"/> to
/// Microsoft.Data.Sqlite's factory (not the System.Data.SQLite package the name suggests).
/// </summary>
internal static class StorageInvariants
{
    /// <summary>PostgreSQL through Npgsql.</summary>
    public const string Postgres = "Npgsql";

    /// <summary>SQLite through Microsoft.Data.Sqlite.</summary>
    public const string Sqlite = "System.Data.SQLite";
}
