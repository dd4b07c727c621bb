using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Grains.Calls;
using Telepath.Silo.Calls;
using Telepath.Silo.Storage;
using Telepath.TestKit;

namespace Telepath.Silo.Tests.Calls;

/// <summary>The call store contract on SQLite (embedded mode).</summary>
public sealed class SqliteCallStoreTests : CallStoreScenarios, IDisposable
{
    private readonly TempDirectory _directory = new("telepath-calls");
    private int _databases;

    protected override async Task<ICallStore> CreateStoreAsync()
    {
        var folder = Path.Combine(_directory.Path, "db" + Interlocked.Increment(ref _databases));
        Directory.CreateDirectory(folder);
        var connectionString = SqliteConnectionStrings.ForDataDirectory(folder);
        await new SchemaMigrator(StorageMode.Sqlite, connectionString, TimeProvider.System, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return new SqlCallStore(new TelepathDatabase(StorageMode.Sqlite, connectionString));
    }

    public void Dispose() => _directory.Dispose();
}
