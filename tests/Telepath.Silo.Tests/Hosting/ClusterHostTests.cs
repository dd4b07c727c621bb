using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Telepath.Grains.Abstractions.Accounts;
using Telepath.Silo.Tests.Storage;
using Telepath.Silo.Tests.Support;
using Telepath.TestKit;

namespace Telepath.Silo.Tests.Hosting;

/// <summary>
/// Cluster mode with the real program (issue #3): two silos of the real host against one PostgreSQL form one cluster,
/// share grain state, show each other in the dashboard, and a grain outlives the graceful stop of its silo.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterHostTests
{
    private const string Operator = "ops";
    private const string OperatorPassword = "cluster-operator-secret";
    private readonly PostgresFixture _postgres;

    public ClusterHostTests(PostgresFixture postgres)
    {
        _postgres = postgres;
    }

    [Fact]
    public async Task Two_real_silos_form_one_cluster_share_state_and_the_survivor_keeps_serving_after_a_graceful_stop()
    {
        var connectionString = await _postgres.CreateDatabaseAsync("real_hosts");
        string[] cluster =
        [
            "--Telepath:Storage=postgres",
            "--Telepath:ConnectionString=" + connectionString,
            "--Telepath:Secrets:MasterKey=dGVsZXBhdGgtdGVzdC1tYXN0ZXIta2V5LTMyYnl0ZXM=",
            "--Telepath:Dashboard:Username=" + Operator,
            "--Telepath:Dashboard:Password=" + OperatorPassword,
        ];
        using var dataA = new TempDirectory("telepath-silo-a");
        using var dataB = new TempDirectory("telepath-silo-b");
        var starts = await Task.WhenAll(SiloProcess.StartAsync(dataA.Path, cluster), SiloProcess.StartAsync(dataB.Path, cluster));
        await using var siloB = starts[1];
        var siloA = starts[0];
        try
        {
            await WaitForActiveSilosAsync(siloA, 2);
            await WaitForActiveSilosAsync(siloB, 2);

            // State written through A is read through B.
            var accountId = "acct_01jcluster0000000000000000";
            var created = await siloA.Grains.GetGrain<IAccountGrain>(accountId).EnsureCreatedAsync("written through A", DateTimeOffset.UtcNow);
            Assert.Equal("written through A", created);
            Assert.True(await siloB.Grains.GetGrain<IAccountGrain>(accountId).ExistsAsync());

            // The operator sees both silos from either one.
            var hosts = await DashboardHostsAsync(siloA, expected: 2);
            Assert.Equal(2, hosts.Count(h => h == "Active"));

            // A leaves gracefully; the grain reactivates on B with its state and B stays ready.
            await siloA.DisposeAsync();
            Assert.Equal("written through A", await siloB.Grains.GetGrain<IAccountGrain>(accountId).EnsureCreatedAsync("ignored", DateTimeOffset.UtcNow));
            await WaitForActiveSilosAsync(siloB, 1);
            using var ready = await siloB.Http.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }
        finally
        {
            await siloA.DisposeAsync();
        }
    }

    private static async Task WaitForActiveSilosAsync(SiloProcess silo, int count)
    {
        var membership = silo.Services.GetRequiredService<IClusterMembershipService>();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active) == count)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"The cluster did not settle at {count} active silo(s).");
    }

    private static async Task<List<string>> DashboardHostsAsync(SiloProcess silo, int expected)
    {
        var statuses = new List<string>();
        for (var attempt = 0; attempt < 100 && statuses.Count < expected; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/DashboardCounters");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Operator + ":" + OperatorPassword)));
            using var response = await silo.Https.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            statuses = body.RootElement.GetProperty("hosts").EnumerateArray().Select(h => h.GetProperty("status").GetString()!).ToList();
            if (statuses.Count < expected)
            {
                await Task.Delay(200);
            }
        }

        return statuses;
    }
}
