using Microsoft.Data.Sqlite;
using Telepath.Silo.Storage;
using Telepath.TestKit;

namespace Telepath.Silo.Tests.Storage;

/// <summary>
/// SQLite writers take turns without holding a thread: a second writer waits (asynchronously) for the first to be
/// disposed instead of meeting SQLITE_BUSY, which Microsoft.Data.Sqlite answers by sleeping its thread in 150 ms steps.
/// </summary>
public sealed class TelepathDatabaseWriterTests : IDisposable
{
    private static readonly TimeSpan s_guard = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _directory = new("telepath-writers");

    [Fact]
    public async Task A_second_sqlite_writer_waits_until_the_first_is_disposed()
    {
        await using var database = new TelepathDatabase(StorageMode.Sqlite, SqliteConnectionStrings.ForDataDirectory(_directory.Path));
        var first = await database.OpenWriterAsync(CancellationToken.None);
        Task<DatabaseWriter> second = database.OpenWriterAsync(CancellationToken.None);

        await Task.Delay(100);
        Assert.False(second.IsCompleted);

        await first.DisposeAsync();
        await using DatabaseWriter next = await second.WaitAsync(s_guard);
        Assert.Equal(System.Data.ConnectionState.Open, next.Connection.State);
    }

    [Fact]
    public async Task A_writer_that_gives_up_waiting_does_not_keep_the_turn()
    {
        await using var database = new TelepathDatabase(StorageMode.Sqlite, SqliteConnectionStrings.ForDataDirectory(_directory.Path));
        var first = await database.OpenWriterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => database.OpenWriterAsync(cancel.Token));
        await first.DisposeAsync();

        await using DatabaseWriter next = await database.OpenWriterAsync(CancellationToken.None).WaitAsync(s_guard);
        Assert.Equal(System.Data.ConnectionState.Open, next.Connection.State);
    }

    [Fact]
    public async Task Concurrent_sqlite_writes_all_commit()
    {
        await using var database = new TelepathDatabase(StorageMode.Sqlite, SqliteConnectionStrings.ForDataDirectory(_directory.Path));
        await using (DatabaseWriter setup = await database.OpenWriterAsync(CancellationToken.None))
        {
            await using var create = setup.Connection.CreateCommand();
            create.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL);";
            await create.ExecuteNonQueryAsync();
        }

        await Task.WhenAll(Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            for (int i = 0; i < 25; i++)
            {
                await using DatabaseWriter writer = await database.OpenWriterAsync(CancellationToken.None);
                await using var insert = writer.Connection.CreateCommand();
                insert.CommandText = "INSERT INTO rows (body) VALUES ($body);";
                insert.Parameters.Add(new SqliteParameter("$body", new string('x', 2000)));
                await insert.ExecuteNonQueryAsync();
            }
        }))).WaitAsync(TimeSpan.FromSeconds(60));

        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM rows;";
        Assert.Equal(400L, (long)(await count.ExecuteScalarAsync())!);
    }

    public void Dispose() => _directory.Dispose();
}
