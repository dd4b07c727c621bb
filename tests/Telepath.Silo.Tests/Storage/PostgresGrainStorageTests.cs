using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;
using Telepath.Grains.Hosting;
using Telepath.Silo.Storage;
using Telepath.TestKit.Postgres;

namespace Telepath.Silo.Tests.Storage;

/// <summary>
/// The same grain-storage and reminder-table contracts as the SQLite tests, on the PostgreSQL
/// schema, through a single cluster-mode silo.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStorageTests : IAsyncLifetime
{
    private readonly PostgresFixture _postgres;
    private IHost? _host;

    public PostgresGrainStorageTests(PostgresFixture postgres) => _postgres = postgres;

    private IGrainStorage Storage => _host!.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);

    public async Task InitializeAsync()
    {
        var connectionString = await _postgres.CreateDatabaseAsync("grain_storage");
        _host = TestSiloHost.Build(new StorageSettings
        {
            Mode = StorageMode.Postgres,
            ConnectionString = connectionString,
            ServiceId = "telepath-tests",
            ClusterId = "storage-tests",
            SiloPort = LoopbackPorts.GetFree(),
            GatewayPort = LoopbackPorts.GetFree(),
        });
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
    }

    [Fact]
    public async Task Grain_storage_contract_holds_on_postgres()
    {
        // One test running every scenario: a cluster-mode silo per scenario would cost seconds each.
        await GrainStorageScenarios.Write_then_read_round_trips_state_and_etag(Storage, "round-trip");
        await GrainStorageScenarios.Stale_etag_write_is_rejected(Storage, "stale");
        await GrainStorageScenarios.Clear_then_read_gives_fresh_state_and_etags_stay_consistent(Storage, "clear");
        await GrainStorageScenarios.Concurrent_writers_with_one_etag_have_exactly_one_winner(Storage, "race", writers: 8, generations: 5);
        await GrainStorageScenarios.Hex_looking_string_keys_do_not_collide(Storage, "hexprobe");
        await GrainStorageScenarios.Same_key_under_two_state_names_or_grain_types_does_not_collide(Storage, "shared-key");
    }

    [Fact]
    public async Task Reminder_table_contract_holds_on_postgres()
    {
        var table = _host!.Services.GetRequiredService<IReminderTable>();
        await ReminderTableScenarios.Rows_round_trip_and_deletes_need_the_current_etag(table, "reminder-rows");
        await ReminderTableScenarios.Range_reads_cover_both_sides_of_the_hash_ring(table, "reminder-ring");
        await ReminderTableScenarios.Clearing_the_table_removes_every_row_of_the_service(table, "reminder-clear");
    }
}
