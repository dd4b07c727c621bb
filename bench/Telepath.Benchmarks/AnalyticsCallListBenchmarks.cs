using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using HdrHistogram;
using Telepath.Grains.Abstractions.Calls;
using Telepath.Grains.Calls;
using Telepath.Silo.Calls;
using Telepath.Silo.Storage;

namespace Telepath.Benchmarks;

/// <summary>
/// <c>GET /v1/calls</c>'s store query (SQLite) with 1,000,000 calls in one account: the default page, a filtered and
/// sorted page, and a cursor page deep in a walk. Cleanup also prints p50/p99 over 200 sequential runs of each.
/// Run (seeds on first use): <c>--job short --inProcess --filter *AnalyticsCallList*</c>.
/// </summary>
public class AnalyticsCallListBenchmarks
{
    private SqlCallStore _store = null!;
    private CallQuery _deepCursor = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var folder = await AnalyticsSeed.EnsureAsync(1_000_000);
        _store = new SqlCallStore(new TelepathDatabase(StorageMode.Sqlite, SqliteConnectionStrings.ForDataDirectory(folder)));
        var query = new CallQuery { AccountId = AnalyticsSeed.AccountId, Limit = 100 };
        for (var i = 0; i < 50; i++)
        {
            var page = await _store.ListAsync(query, CancellationToken.None);
            query = query with { After = page.Next };
        }

        _deepCursor = query with { Limit = 20 };
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        foreach (var (name, run) in new (string, Func<Task<CallPage>>)[] { ("default page", DefaultPageAsync), ("trunk+status, by ai latency", FilteredSortedAsync), ("cursor page 5,001+", DeepCursorAsync) })
        {
            var histogram = new LongHistogram(60_000_000, 3);
            for (var i = 0; i < 200; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await run();
                histogram.RecordValue((long)Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }

            Console.WriteLine($"// {name}: p50 {histogram.GetValueAtPercentile(50) / 1000.0:F2} ms, p99 {histogram.GetValueAtPercentile(99) / 1000.0:F2} ms");
        }
    }

    [Benchmark(Description = "default page (newest 20, with total)")]
    public Task<CallPage> DefaultPageAsync() => _store.ListAsync(new CallQuery { AccountId = AnalyticsSeed.AccountId }, CancellationToken.None);

    [Benchmark(Description = "trunk + status filter, sort -ai_latency_ms")]
    public Task<CallPage> FilteredSortedAsync() => _store.ListAsync(
        new CallQuery { AccountId = AnalyticsSeed.AccountId, TrunkId = AnalyticsSeed.TrunkIds[3], Status = CallStatuses.Completed, Sort = CallSortField.AiLatency },
        CancellationToken.None);

    [Benchmark(Description = "cursor page after 5,000 calls")]
    public Task<CallPage> DeepCursorAsync() => _store.ListAsync(_deepCursor, CancellationToken.None);
}
