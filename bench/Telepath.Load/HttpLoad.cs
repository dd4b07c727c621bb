using System.Diagnostics;
using HdrHistogram;

namespace Telepath.Load;

/// <summary>A closed-loop HTTP load: N workers each send the next request when the previous answered.</summary>
internal static class HttpLoad
{
    public static async Task<LoadResult> RunAsync(HttpClient client, Func<HttpRequestMessage> request, int concurrency, TimeSpan duration)
    {
        var histogram = new LongConcurrentHistogram(1, TimeStamp.Seconds(10), 3);
        var failures = 0L;
        var completed = 0L;
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (stopwatch.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                using var message = request();
                using var response = await client.SendAsync(message);
                await response.Content.LoadIntoBufferAsync();
                histogram.RecordValue(Stopwatch.GetTimestamp() - start);
                Interlocked.Increment(ref completed);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return new LoadResult(completed / stopwatch.Elapsed.TotalSeconds, Milliseconds(histogram, 50), Milliseconds(histogram, 99), failures);
    }

    private static double Milliseconds(HistogramBase histogram, double percentile) =>
        histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency;
}

/// <summary>What one phase measured.</summary>
/// <param name="RequestsPerSecond">Completed requests per second.</param>
/// <param name="P50Ms">Median latency.</param>
/// <param name="P99Ms">99th percentile latency.</param>
/// <param name="Failures">Non-2xx answers (should be 0).</param>
internal sealed record LoadResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Failures);
