using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Telepath.Silo.Tests.Support;
using Telepath.TestKit;

namespace Telepath.Api.Tests.Support;

/// <summary>
/// One real embedded-mode silo for API tests, with a route that fails on purpose (to see what a 500 looks like) and
/// a way to mint accounts and keys directly through the grains.
/// </summary>
public sealed class ApiSiloFixture : IAsyncLifetime
{
    /// <summary>A route that throws, reachable with any valid key.</summary>
    public const string FailingRoute = "/v1/test-only/failure";

    private readonly TempDirectory _data = new("telepath-api");

    /// <summary>The running silo.</summary>
    public SiloProcess Silo { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => Silo = await SiloProcess.StartAsync(_data.Path, static app =>
        app.MapGet(FailingRoute, static string () => throw new InvalidOperationException("secret internal detail: connection string Host=db;Password=hunter2")),
        "--Telepath:Api:MaxRequestBodyBytes=4096");

    /// <summary>Creates a fresh account with one key and returns a client that sends it.</summary>
    public Task<ApiKeyClient> NewKeyAsync(IReadOnlyList<string>? scopes = null, int rateLimitPerMinute = 6000) =>
        ApiKeyClient.CreateAsync(Silo, accountId: null, scopes, rateLimitPerMinute);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        _data.Dispose();
    }
}
