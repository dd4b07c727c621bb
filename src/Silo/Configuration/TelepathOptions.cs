using Telepath.Silo.Storage;

namespace Telepath.Silo.Configuration;

/// <summary>Process-wide settings of a Telepath silo, bound from the <c>Telepath</c> section.</summary>
public sealed class TelepathOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Telepath";

    /// <summary>Where state lives: <c>sqlite</c> (embedded, one silo; default) or <c>postgres</c> (cluster).</summary>
    public StorageMode Storage { get; set; } = StorageMode.Sqlite;

    /// <summary>
    /// Folder for the SQLite database, the generated TLS certificate and key files; relative paths are resolved
    /// against the working directory. Default <c>./data</c>.
    /// </summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>PostgreSQL connection string; required when <see cref="Storage"/> is <c>postgres</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending database migrations at start. Default true.</summary>
    public bool AutoMigrate { get; set; } = true;

    /// <summary>Orleans service id: stable for the life of an installation (it keys stored state). Default <c>telepath</c>.</summary>
    public string ServiceId { get; set; } = "telepath";

    /// <summary>Orleans cluster id: silos with the same id form one cluster. Default <c>telepath</c>.</summary>
    public string ClusterId { get; set; } = "telepath";

    /// <summary>TCP port for silo-to-silo traffic. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>TCP port for Orleans clients (0 disables the gateway). Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one at (cluster mode). Default 127.0.0.1.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Name of this silo in the cluster and dashboard. Default: machine name and silo port.</summary>
    public string? SiloName { get; set; }

    /// <summary>How long a graceful stop (SIGTERM) may take before the process exits anyway, in seconds. Default 30.</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Gets or sets the thread pool's minimum worker threads, applied at start. The pool starts with one thread per
    /// core and adds more only about twice a second once work queues up; on a 2-core machine a burst of INVITEs
    /// then waits hundreds of milliseconds (SIPp at 300 cps saw 2.6 % of INVITEs retransmitted, p99 setup 830 ms,
    /// versus none and 20 ms with 6 threads ready). More costs throughput: with 32, HTTPS requests per second fell by a
    /// third on 2 cores. Threads above the minimum are still retired when idle.
    /// </summary>
    public int MinWorkerThreads { get; set; } = 8;

    /// <summary>The data folder as an absolute path.</summary>
    public string ResolvedDataDirectory => Path.GetFullPath(DataDirectory);
}
