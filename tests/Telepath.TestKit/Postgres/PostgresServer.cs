using System.Globalization;
using Npgsql;

namespace Telepath.TestKit.Postgres;

/// <summary>
/// A real, throw-away PostgreSQL server for one test run: a fresh cluster in a temp folder,
/// listening only on 127.0.0.1 at a free port, with durability switched off for speed.
/// <see cref="DisposeAsync"/> stops it and deletes the folder.
/// </summary>
/// <remarks>
/// <c>initdb</c> and <c>postgres</c> refuse to run as root. Tests in CI and on the dev machine run
/// as root, so then the server programs run as the <c>postgres</c> system user (created by the
/// Debian package) through <c>runuser</c>, and the temp folder is handed to that user.
/// </remarks>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string SystemUser = "postgres";
    private const string SuperUser = "postgres";
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromSeconds(60);

    private readonly string _binDirectory;
    private readonly string _rootDirectory;
    private readonly bool _runAsSystemUser;
    private int _disposed;

    private PostgresServer(string binDirectory, string rootDirectory, bool runAsSystemUser, int port)
    {
        _binDirectory = binDirectory;
        _rootDirectory = rootDirectory;
        _runAsSystemUser = runAsSystemUser;
        Port = port;
    }

    /// <summary>The loopback TCP port the server listens on.</summary>
    public int Port { get; }

    /// <summary>A connection string for the superuser and the built-in <c>postgres</c> database.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    private string DataDirectory => Path.Combine(_rootDirectory, "data");

    private string SocketDirectory => Path.Combine(_rootDirectory, "socket");

    private string LogFile => Path.Combine(_rootDirectory, "server.log");

    /// <summary>Creates, starts and waits for a new server.</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is not installed, or the server failed to start.</exception>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var bin = PostgresBinaries.FindBinDirectory();
        var root = Directory.CreateTempSubdirectory("telepath-pg-").FullName;
        var server = new PostgresServer(bin, root, Environment.IsPrivilegedProcess, LoopbackPorts.GetFree());
        try
        {
            await server.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A connection string for the superuser and <paramref name="database"/>.</summary>
    public string ConnectionStringFor(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = SuperUser,
            Database = database,
            IncludeErrorDetail = true,
            Timeout = 30,
        };
        return builder.ConnectionString;
    }

    /// <summary>
    /// Creates an empty database (lower-case letters, digits and '_' only) and returns its
    /// connection string. Use one per test class so classes cannot see each other's rows.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            {
                throw new ArgumentException($"Database name '{name}' may hold only a-z, 0-9 and '_'.", nameof(name));
            }
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0;";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return ConnectionStringFor(name);
    }

    /// <summary>Stops the server (fast, then immediate if needed) and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            var stopped = await TryStopAsync("fast").ConfigureAwait(false);
            if (!stopped)
            {
                await TryStopAsync("immediate").ConfigureAwait(false);
            }
        }

        try
        {
            Directory.Delete(_rootDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A server that refused to stop still holds files; the OS temp cleaner gets them.
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(SocketDirectory);
        if (_runAsSystemUser)
        {
            await RunCheckedAsync("chown", ["-R", $"{SystemUser}:{SystemUser}", _rootDirectory], cancellationToken).ConfigureAwait(false);
        }

        await RunServerProgramAsync(
            "initdb",
            ["-D", DataDirectory, "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
            cancellationToken).ConfigureAwait(false);

        var options = string.Join(
            ' ',
            "-p", Port.ToString(CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", $"unix_socket_directories={SocketDirectory}",
            "-c", "fsync=off",
            "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off",
            "-c", "max_connections=200");
        await RunServerProgramAsync(
            "pg_ctl",
            ["-D", DataDirectory, "-l", LogFile, "-o", options, "-w", "-t", "60", "start"],
            cancellationToken).ConfigureAwait(false);
        await WaitUntilAcceptingAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WaitUntilAcceptingAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<bool> TryStopAsync(string mode)
    {
        try
        {
            var result = await RunAsync("pg_ctl", ["-D", DataDirectory, "-m", mode, "-w", "-t", "20", "stop"], CancellationToken.None).ConfigureAwait(false);
            return result.ExitCode == 0;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task RunServerProgramAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await RunAsync(program, arguments, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile, cancellationToken).ConfigureAwait(false) : string.Empty;
            throw new InvalidOperationException(
                $"PostgreSQL '{program}' exited with {result.ExitCode}:\n{result.Output}\n{log}");
        }
    }

    private Task<ProcessRunner.Result> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_binDirectory, program);
        if (!_runAsSystemUser)
        {
            return ProcessRunner.RunAsync(path, arguments, s_commandTimeout, cancellationToken);
        }

        var wrapped = new List<string>(arguments.Count + 4) { "-u", SystemUser, "--", path };
        wrapped.AddRange(arguments);
        return ProcessRunner.RunAsync("runuser", wrapped, s_commandTimeout, cancellationToken);
    }

    private static async Task RunCheckedAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(program, arguments, s_commandTimeout, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{program}' exited with {result.ExitCode}: {result.Output}");
        }
    }
}
