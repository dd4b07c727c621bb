using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Api.Secrets;
using Telepath.Api.Tests.Support;
using Telepath.Media.Edge;
using Telepath.Silo.Edge;
using Telepath.Silo.Tests.Support;
using Telepath.TestKit;

namespace Telepath.Api.Tests.Trunks;

/// <summary>
/// One real silo for the trunk tests, with the grain-backed trunk directory registered, a configured SIP domain and
/// every log line captured (so tests can prove secrets never reach a log).
/// </summary>
public sealed class TrunkSiloFixture : IAsyncLifetime
{
    /// <summary>The SIP domain (digest realm) the silo is configured with.</summary>
    public const string SipDomain = "sip.telepath.test";

    private readonly TempDirectory _data = new("telepath-trunks");

    /// <summary>The running silo.</summary>
    public SiloProcess Silo { get; private set; } = null!;

    /// <summary>The silo's data folder.</summary>
    public string DataDirectory => _data.Path;

    /// <summary>Every log line of the silo.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>The silo's own trunk directory (system clock).</summary>
    public ITrunkDirectory Directory => Silo.Services.GetRequiredService<ITrunkDirectory>();

    /// <summary>The silo's secret protector.</summary>
    public SecretProtector Protector => Silo.Services.GetRequiredService<SecretProtector>();

    /// <inheritdoc />
    public async Task InitializeAsync() => Silo = await SiloProcess.StartAsync(
        _data.Path,
        builder => builder.Logging.AddProvider(Logs),
        configureApp: null,
        "--Telepath:Sip:Domain=" + SipDomain,
        "--Logging:LogLevel:Telepath=Debug",
        "--Logging:LogLevel:Microsoft.AspNetCore=Information");

    /// <summary>A trunk directory over the silo's grains that reads time from <paramref name="time"/>.</summary>
    public GrainTrunkDirectory DirectoryWithClock(TimeProvider time) =>
        new(Silo.Grains, Protector, time, NullLogger<GrainTrunkDirectory>.Instance);

    /// <summary>Creates a fresh account with one key.</summary>
    public Task<ApiKeyClient> NewKeyAsync(IReadOnlyList<string>? scopes = null, int rateLimitPerMinute = 100_000) =>
        ApiKeyClient.CreateAsync(Silo, accountId: null, scopes, rateLimitPerMinute);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        _data.Dispose();
    }
}
