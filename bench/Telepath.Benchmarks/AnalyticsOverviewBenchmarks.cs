using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Telepath.Grains.Abstractions.Analytics;
using Telepath.Silo.Hosting;

namespace Telepath.Benchmarks;

/// <summary>
/// <c>/v1/analytics/overview</c>'s work — one call to the account's stats grain in a real silo — with 1,000 and
/// 1,000,000 recorded calls. The aggregates live in the grain (rebuilt once from the store in setup), so the cost must
/// not grow with the number of calls. Run (seeds on first use): <c>--job short --inProcess --filter *AnalyticsOverview*</c>.
/// </summary>
[MemoryDiagnoser]
public class AnalyticsOverviewBenchmarks
{
    private WebApplication _silo = null!;
    private IAccountStatsGrain _account = null!;
    private DateTimeOffset _now;

    [Params(1_000, 1_000_000)]
    public int Calls { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var folder = await AnalyticsSeed.EnsureAsync(Calls);
        _silo = TelepathApplication.Build(
        [
            "--Telepath:DataDirectory=" + folder,
            "--Telepath:Http:ListenAddress=127.0.0.1",
            "--Telepath:Http:HttpPort=0",
            "--Telepath:Http:HttpsPort=0",
            "--Telepath:SiloPort=" + FreeTcpPort(),
            "--Telepath:GatewayPort=" + FreeTcpPort(),
            "--Telepath:Sip:ListenAddress=127.0.0.1",
            "--Telepath:Sip:Port=0",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _silo.StartAsync();
        _account = _silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountStatsGrain>(AnalyticsSeed.AccountId);
        _now = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var summary = await _account.GetSummaryAsync(AnalyticsSeed.AccountId, _now.AddDays(-7), _now);
        Console.WriteLine($"// First overview (activation, rebuild from store if no state): {clock.Elapsed.TotalMilliseconds:F0} ms, 7-day total {summary!.TotalCalls:N0}");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _silo.StopAsync();
        await _silo.DisposeAsync();
    }

    [Benchmark(Description = "overview, last 24 h")]
    public Task<AnalyticsSummary?> Overview24HoursAsync() => _account.GetSummaryAsync(AnalyticsSeed.AccountId, _now.AddHours(-24), _now);

    [Benchmark(Description = "overview, last 7 days")]
    public Task<AnalyticsSummary?> Overview7DaysAsync() => _account.GetSummaryAsync(AnalyticsSeed.AccountId, _now.AddDays(-7), _now);

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
