using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;
using Telepath.Grains.Hosting;
using Telepath.Silo.Storage;

namespace Telepath.Silo.Tests.Storage;

/// <summary>
/// Orleans ADO.NET grain storage on the embedded SQLite schema, resolved from a started silo the
/// way grains resolve it (keyed <see cref="IGrainStorage"/> named <c>"telepath"</c>).
/// </summary>
public sealed class SqliteGrainStorageTests : IClassFixture<SqliteSiloFixture>
{
    private readonly SqliteSiloFixture _silo;

    public SqliteGrainStorageTests(SqliteSiloFixture silo) => _silo = silo;

    [Fact]
    public Task Write_then_read_round_trips_state_and_etag()
        => GrainStorageScenarios.Write_then_read_round_trips_state_and_etag(_silo.Storage, "round-trip");

    [Fact]
    public Task Stale_etag_write_raises_InconsistentStateException()
        => GrainStorageScenarios.Stale_etag_write_is_rejected(_silo.Storage, "stale");

    [Fact]
    public Task Clear_then_read_gives_fresh_state_and_etags_stay_consistent()
        => GrainStorageScenarios.Clear_then_read_gives_fresh_state_and_etags_stay_consistent(_silo.Storage, "clear");

    [Fact]
    public Task Concurrent_writers_on_one_grain_have_exactly_one_winner_per_etag_generation()
        => GrainStorageScenarios.Concurrent_writers_with_one_etag_have_exactly_one_winner(_silo.Storage, "race", writers: 8, generations: 5);

    [Fact]
    public Task Hex_looking_string_keys_do_not_collide()
        => GrainStorageScenarios.Hex_looking_string_keys_do_not_collide(_silo.Storage, "hexprobe");

    [Fact]
    public Task Same_key_under_two_state_names_or_grain_types_does_not_collide()
        => GrainStorageScenarios.Same_key_under_two_state_names_or_grain_types_does_not_collide(_silo.Storage, "shared-key");

    [Fact]
    public void Default_and_pubsub_providers_are_the_telepath_storage()
    {
        var services = _silo.Host.Services;
        var telepath = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        Assert.IsType<FullGrainIdStorage>(telepath);
        Assert.Same(telepath, services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
        Assert.Same(telepath, services.GetRequiredKeyedService<IGrainStorage>(StorageNames.PubSub));
    }

    [Fact]
    public async Task State_rows_use_the_orleans_binary_serializer_not_json_with_type_names()
    {
        await GrainStorageScenarios.Write_then_read_round_trips_state_and_etag(_silo.Storage, "payload-format");
        await using var connection = new SqliteConnection(SqliteConnectionStrings.ForDataDirectory(_silo.DataDirectory));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT PayloadBinary FROM OrleansStorage WHERE GrainIdExtensionString = 'probe/payload-format';";
        var payload = (byte[]?)await command.ExecuteScalarAsync();

        Assert.NotNull(payload);
        Assert.NotEqual((byte)'{', payload[0]);
        var text = System.Text.Encoding.UTF8.GetString(payload);
        Assert.DoesNotContain("$type", text, StringComparison.Ordinal);
        Assert.DoesNotContain(typeof(ProbeState).FullName!, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Database_runs_in_write_ahead_log_mode()
    {
        await using var connection = new SqliteConnection(SqliteConnectionStrings.ForDataDirectory(_silo.DataDirectory));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }
}
