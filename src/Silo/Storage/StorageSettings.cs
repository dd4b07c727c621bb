using System.Net;
using System.Text;

namespace Telepath.Silo.Storage;

/// <summary>
/// Everything <c>UseTelepathStorage</c> needs to wire clustering, grain storage and reminders.
/// Built by the silo's configuration code from <c>Telepath:Storage</c> settings.
/// </summary>
public sealed record StorageSettings
{
    /// <summary>Embedded SQLite or PostgreSQL cluster.</summary>
    public required StorageMode Mode { get; init; }

    /// <summary>
    /// ADO.NET connection string: a Microsoft.Data.Sqlite one in <see cref="StorageMode.Sqlite"/> mode
    /// (see <see cref="SqliteConnectionStrings.ForDataDirectory"/>), an Npgsql one in
    /// <see cref="StorageMode.Postgres"/> mode. Never printed by <see cref="ToString"/>.
    /// </summary>
    public required string ConnectionString { get; init; }

    /// <summary>
    /// Orleans ServiceId, stored in every grain-state and reminder row: it must never change for a
    /// deployment's lifetime. Default <c>telepath</c>.
    /// </summary>
    public string ServiceId { get; init; } = "telepath";

    /// <summary>Orleans ClusterId: silos with the same value form one cluster. Default <c>telepath</c>.</summary>
    public string ClusterId { get; init; } = "telepath";

    /// <summary>Silo-to-silo TCP port. Default 11111.</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>Orleans client gateway TCP port; 0 disables the gateway. Default 30000.</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>
    /// The address other silos reach this one at (cluster mode only; the embedded silo always
    /// listens on loopback). Default 127.0.0.1.
    /// </summary>
    public IPAddress AdvertisedAddress { get; init; } = IPAddress.Loopback;

    /// <summary>
    /// Apply pending schema scripts when the silo starts, before any provider reads the
    /// <c>OrleansQuery</c> table. Default true; turn off when an operator runs <c>db migrate</c>.
    /// </summary>
    public bool MigrateOnStart { get; init; } = true;

    // The connection string may carry a password: keep it out of logs and exception messages.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Mode = ").Append(Mode)
            .Append(", ServiceId = ").Append(ServiceId)
            .Append(", ClusterId = ").Append(ClusterId)
            .Append(", SiloPort = ").Append(SiloPort)
            .Append(", GatewayPort = ").Append(GatewayPort)
            .Append(", AdvertisedAddress = ").Append(AdvertisedAddress)
            .Append(", MigrateOnStart = ").Append(MigrateOnStart);
        return true;
    }
}
