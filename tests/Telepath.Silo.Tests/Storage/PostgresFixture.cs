using Telepath.TestKit.Postgres;

namespace Telepath.Silo.Tests.Storage;

/// <summary>
/// One real PostgreSQL server shared by every test class of the <see cref="PostgresCollection"/>.
/// Fails (never skips) when PostgreSQL is not installed.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;
    private int _databaseCount;

    /// <summary>The running server.</summary>
    public PostgresServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL fixture has not started.");

    /// <summary>Creates a fresh database with a unique name built from <paramref name="prefix"/>.</summary>
    public Task<string> CreateDatabaseAsync(string prefix)
    {
        var number = Interlocked.Increment(ref _databaseCount);
        return Server.CreateDatabaseAsync($"{prefix}_{number}");
    }

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
