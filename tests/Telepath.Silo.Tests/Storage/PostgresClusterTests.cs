using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Runtime;
using Telepath.Silo.Storage;
using Telepath.TestKit.Postgres;

namespace Telepath.Silo.Tests.Storage;

/// <summary>
/// Cluster mode (design.md §1): several silos on one machine against one PostgreSQL database form
/// one cluster, share grain state, and a grain outlives the graceful stop of its silo.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresClusterTests
{
    private const int SiloActive = 3;
    private const int SiloDead = 6;

    private readonly PostgresFixture _postgres;

    public PostgresClusterTests(PostgresFixture postgres) => _postgres = postgres;

    [Fact]
    public async Task Two_silos_share_grain_state_and_a_grain_moves_to_the_survivor_when_its_silo_stops()
    {
        var connectionString = await _postgres.CreateDatabaseAsync("two_silos");
        using var siloA = TestSiloHost.Build(Settings(connectionString));
        using var siloB = TestSiloHost.Build(Settings(connectionString));

        // Started together: both migrate the empty database at once and join one cluster.
        await Task.WhenAll(siloA.StartAsync(), siloB.StartAsync());
        try
        {
            var addressA = LocalAddress(siloA);
            var addressB = LocalAddress(siloB);
            Assert.NotEqual(addressA, addressB);

            // Membership is eventually consistent: until each silo sees the other as active, a call through B may
            // activate a second copy of the grain locally instead of finding A's.
            await BothSeeEachOtherAsync(siloA, siloB);

            var throughA = siloA.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>("cluster-probe");
            await throughA.SetValueAsync("written through A");
            Assert.Equal(addressA, await throughA.GetSiloAsync());

            var throughB = siloB.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>("cluster-probe");
            Assert.Equal("written through A", await throughB.GetValueAsync());
            Assert.Equal(addressA, await throughB.GetSiloAsync());

            await siloA.StopAsync();

            Assert.Equal("written through A", await throughB.GetValueAsync());
            Assert.Equal(addressB, await throughB.GetSiloAsync());

            // The membership table saw both silos join, and A declare itself dead on its way out.
            var statuses = await MemberStatusesAsync(connectionString);
            Assert.Equal(2, statuses.Count);
            Assert.Equal(SiloDead, statuses[siloA.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Endpoint.Port]);
            Assert.Equal(SiloActive, statuses[siloB.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Endpoint.Port]);

            // Defunct-silo cleanup removes the dead row and never an active one.
            var membership = siloB.Services.GetRequiredService<IMembershipTable>();
            await membership.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);
            var remaining = await MemberStatusesAsync(connectionString);
            Assert.Equal(SiloActive, Assert.Single(remaining).Value);
        }
        finally
        {
            await siloB.StopAsync();
        }
    }

    private static async Task BothSeeEachOtherAsync(params IHost[] silos)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        foreach (var silo in silos)
        {
            var membership = silo.Services.GetRequiredService<IClusterMembershipService>();
            while (membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active) < silos.Length)
            {
                Assert.True(DateTime.UtcNow < deadline, "The silos never saw each other as active.");
                await Task.Delay(100);
            }
        }
    }

    private static StorageSettings Settings(string connectionString) => new()
    {
        Mode = StorageMode.Postgres,
        ConnectionString = connectionString,
        ServiceId = "telepath-tests",
        ClusterId = "two-silos",
        SiloPort = LoopbackPorts.GetFree(),
        GatewayPort = LoopbackPorts.GetFree(),
    };

    private static string LocalAddress(IHost host)
        => host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString();

    private static async Task<Dictionary<int, int>> MemberStatusesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT Port, Status FROM OrleansMembershipTable WHERE DeploymentId = 'two-silos';", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var statuses = new Dictionary<int, int>();
        while (await reader.ReadAsync())
        {
            statuses[reader.GetInt32(0)] = reader.GetInt32(1);
        }

        return statuses;
    }
}
