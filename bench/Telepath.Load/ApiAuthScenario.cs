using System.Globalization;
using System.Net.Http.Headers;

namespace Telepath.Load;

/// <summary>
/// Issue #4's benchmark: authenticated <c>GET /v1/api-keys</c> against <c>GET /healthz</c> on the same silo, in the
/// same run, over HTTPS on loopback. The ratio says what auth + scope + rate limiting (one grain call) cost; the p99
/// difference is the latency they add. The load generator shares the machine's cores with the silo.
/// </summary>
internal static class ApiAuthScenario
{
    public static async Task RunAsync(ScenarioArguments arguments)
    {
        await using var silo = await LoadSilo.StartAsync();
        using var client = silo.CreateClient(arguments.Concurrency);
        HttpRequestMessage Health() => new(HttpMethod.Get, "/healthz");
        HttpRequestMessage Keys()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/v1/api-keys");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", silo.ApiKey);
            return request;
        }

        var duration = TimeSpan.FromSeconds(arguments.Seconds);
        var warmUp = TimeSpan.FromSeconds(Math.Max(1, arguments.Seconds / 5));
        await HttpLoad.RunAsync(client, Health, arguments.Concurrency, warmUp);
        await HttpLoad.RunAsync(client, Keys, arguments.Concurrency, warmUp);
        var health = await HttpLoad.RunAsync(client, Health, arguments.Concurrency, duration);
        var keys = await HttpLoad.RunAsync(client, Keys, arguments.Concurrency, duration);

        Console.WriteLine(FormattableString.Invariant($"concurrency {arguments.Concurrency}, {arguments.Seconds} s per phase, HTTPS/1.1 on loopback, {Environment.ProcessorCount} cores shared by silo and load"));
        Print("GET /healthz", health);
        Print("GET /v1/api-keys (auth + scope + rate limit)", keys);
        Console.WriteLine(FormattableString.Invariant($"throughput ratio api-keys/healthz: {keys.RequestsPerSecond / health.RequestsPerSecond:F2}"));
        Console.WriteLine(FormattableString.Invariant($"p99 added by auth + rate limiting: {keys.P99Ms - health.P99Ms:F2} ms (p50 {keys.P50Ms - health.P50Ms:F2} ms)"));
    }

    private static void Print(string name, LoadResult result) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-48} {result.RequestsPerSecond,9:F0} req/s   p50 {result.P50Ms,6:F2} ms   p99 {result.P99Ms,6:F2} ms   non-2xx {result.Failures}"));
}
