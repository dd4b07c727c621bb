using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Telepath.Api.Tests.Support;
using Telepath.Silo.Tests.Storage;
using Telepath.Silo.Tests.Support;
using Telepath.TestKit;

namespace Telepath.Api.Tests.Auth;

/// <summary>
/// Spec §3 and design §2 across a real two-silo cluster on PostgreSQL: a key's limit is exact however many silos
/// serve it, and a revocation made through one silo is enforced by the other on the very next request.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterRateLimitTests : IAsyncLifetime
{
    private readonly PostgresFixture _postgres;
    private readonly TempDirectory _dataA = new("telepath-api-a");
    private readonly TempDirectory _dataB = new("telepath-api-b");
    private SiloProcess _siloA = null!;
    private SiloProcess _siloB = null!;

    public ClusterRateLimitTests(PostgresFixture postgres)
    {
        _postgres = postgres;
    }

    public async Task InitializeAsync()
    {
        var connectionString = await _postgres.CreateDatabaseAsync("api_cluster");
        string[] cluster = ["--Telepath:Storage=postgres", "--Telepath:ConnectionString=" + connectionString, "--Telepath:Secrets:MasterKey=dGVsZXBhdGgtdGVzdC1tYXN0ZXIta2V5LTMyYnl0ZXM="];
        var silos = await Task.WhenAll(SiloProcess.StartAsync(_dataA.Path, cluster), SiloProcess.StartAsync(_dataB.Path, cluster));
        (_siloA, _siloB) = (silos[0], silos[1]);
        var membership = _siloA.Services.GetRequiredService<IClusterMembershipService>();
        for (var attempt = 0; attempt < 200 && membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active) < 2; attempt++)
        {
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        await _siloA.DisposeAsync();
        await _siloB.DisposeAsync();
        _dataA.Dispose();
        _dataB.Dispose();
    }

    [Fact]
    public async Task Parallel_requests_through_two_silos_admit_exactly_the_limit()
    {
        const int Limit = 40;
        var key = await ApiKeyClient.CreateAsync(_siloA, accountId: null, scopes: null, rateLimitPerMinute: Limit);
        await AlignToFreshWindowAsync();

        var requests = Enumerable.Range(0, Limit * 3)
            .Select(i => key.SendAsync(HttpMethod.Get, "/v1/api-keys", via: i % 2 == 0 ? _siloA.Https : _siloB.Https))
            .ToArray();
        var responses = await Task.WhenAll(requests);
        try
        {
            var admitted = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
            var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
            Assert.Equal(Limit, admitted.Count);
            Assert.Equal(Limit * 2, refused.Count);

            // Each admitted request saw its own place in the budget: remaining values Limit-1 … 0, each once.
            var remaining = admitted.Select(r => int.Parse(r.Headers.GetValues("X-RateLimit-Remaining").Single(), CultureInfo.InvariantCulture)).Order().ToArray();
            Assert.Equal(Enumerable.Range(0, Limit).ToArray(), remaining);
            foreach (var response in refused)
            {
                await ErrorBody.AssertAsync(response, HttpStatusCode.TooManyRequests, "rate_limited");
                Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
                Assert.Equal("0", response.Headers.GetValues("X-RateLimit-Remaining").Single());
            }
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task Sequential_requests_alternating_silos_see_the_remaining_count_fall_by_one_each_time()
    {
        var key = await ApiKeyClient.CreateAsync(_siloA, accountId: null, scopes: null, rateLimitPerMinute: 1000);
        await AlignToFreshWindowAsync();
        var previous = int.MaxValue;
        for (var i = 0; i < 10; i++)
        {
            using var response = await key.SendAsync(HttpMethod.Get, "/v1/api-keys", via: i % 2 == 0 ? _siloA.Https : _siloB.Https);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var remaining = int.Parse(response.Headers.GetValues("X-RateLimit-Remaining").Single(), CultureInfo.InvariantCulture);
            Assert.Equal("1000", response.Headers.GetValues("X-RateLimit-Limit").Single());
            Assert.True(remaining < previous, $"remaining {remaining} after {previous}");
            previous = remaining;
        }
    }

    [Fact]
    public async Task Revocation_through_one_silo_is_enforced_by_the_other_on_the_next_request()
    {
        var admin = await ApiKeyClient.CreateAsync(_siloA, accountId: null, scopes: null, rateLimitPerMinute: 6000);
        var victim = await admin.SiblingAsync();
        using (var warm = await victim.SendAsync(HttpMethod.Get, "/v1/api-keys", via: _siloB.Https))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        using (var revoke = await admin.SendAsync(HttpMethod.Delete, "/v1/api-keys/" + victim.KeyId, via: _siloA.Https))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        using var after = await victim.SendAsync(HttpMethod.Get, "/v1/api-keys", via: _siloB.Https);
        await ErrorBody.AssertAsync(after, HttpStatusCode.Unauthorized, "unauthorized");
    }

    /// <summary>Waits out the end of a minute window if it is near, so a burst falls into one window.</summary>
    private static async Task AlignToFreshWindowAsync()
    {
        var secondsIntoMinute = DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 60;
        if (secondsIntoMinute > 50)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - secondsIntoMinute));
        }
    }
}
