using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using HdrHistogram;
using Microsoft.Extensions.DependencyInjection;
using Telepath.Media.Hosting;

namespace Telepath.Load;

/// <summary>
/// Issue #7's relay load through the whole product: the real silo (SQLite, one silo), a trunk created over the API
/// pointing at the sample echo agent (custom protocol, its own process, echoing at once), N digest-authenticated SIP
/// calls, then N bidirectional G.711 streams at 50 packets/s. Each echoed packet has crossed RTP → bridge → WebSocket →
/// agent → WebSocket → bridge → pacer → RTP, so the delay printed is what Telepath adds twice plus two loopback
/// WebSocket hops and the agent's own turnaround; loss is packets that never came back.
/// </summary>
internal static class BridgeRelayScenario
{
    private const int SetupParallelism = 8;

    public static async Task RunAsync(ScenarioArguments arguments)
    {
        int streams = arguments.Concurrency;
        await using EchoAgentProcess agent = await EchoAgentProcess.StartAsync();
        await using LoadSilo silo = await LoadSilo.StartAsync(
            "--Telepath:Sip:Domain=127.0.0.1",
            "--Telepath:Sip:Tcp=false",
            "--Telepath:Rtp:PortRangeStart=30000",
            "--Telepath:Rtp:PortRangeEnd=" + (30000 + (streams * 2) + 400).ToString(CultureInfo.InvariantCulture));
        (string username, string password) = await CreateTrunkAsync(silo, agent.WebSocketUrl);
        IPEndPoint sip = silo.Services.GetRequiredService<MediaEngine>().SipEndPoints[0];
        await using var caller = new LoadSipCaller(sip, username, password, "127.0.0.1");

        var delay = new LongConcurrentHistogram(1, 10_000_000, 3);
        var setup = new LongConcurrentHistogram(1, 60_000_000, 3);
        var peers = new RtpPeer[streams];
        var calls = new LoadCall?[streams];
        for (int i = 0; i < streams; i++)
        {
            peers[i] = new RtpPeer(delay, 0x7E1E0000u + (uint)i);
        }

        using var stop = new ManualResetEventSlim(false, 1);
        var measuring = new StrongBox<bool>();
        var sender = new Thread(() => RtpPacedSender.Run(peers, stop, measuring)) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
        sender.Start();

        // Calls come up a few at a time while earlier ones already stream, as they would on a live trunk.
        int next = -1;
        var setups = new Task[SetupParallelism];
        for (int w = 0; w < setups.Length; w++)
        {
            setups[w] = Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < streams)
                {
                    long started = Stopwatch.GetTimestamp();
                    LoadCall? call = await caller.CallAsync("+15550100", peers[i].LocalPort);
                    if (call is not null)
                    {
                        setup.RecordValue(Math.Max(1, Stopwatch.GetElapsedTime(started).Ticks / 10));
                        calls[i] = call;
                        peers[i].Connect(call.RemoteRtpPort);
                    }
                }
            });
        }

        await Task.WhenAll(setups);
        int established = calls.Count(static c => c is not null);
        // Set-up stalls leave standing playout backlogs that the pacer sheds at up to 100 ms/s; measure after that.
        await Task.Delay(TimeSpan.FromSeconds(6));
        delay.Reset();
        foreach (RtpPeer peer in peers)
        {
            peer.ResetCounts();
        }

        var process = Process.GetCurrentProcess();
        TimeSpan cpuStart = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        measuring.Value = true;
        await Task.Delay(TimeSpan.FromSeconds(arguments.Seconds));
        measuring.Value = false;
        await Task.Delay(1000);
        wall.Stop();
        process.Refresh();
        TimeSpan cpu = process.TotalProcessorTime - cpuStart;
        stop.Set();
        sender.Join();

        (long sent, long received) = RelayReport.Totals(peers);

        for (int i = 0; i < streams; i++)
        {
            if (calls[i] is { } call)
            {
                caller.HangUp(call);
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        foreach (RtpPeer peer in peers)
        {
            peer.Dispose();
        }

        (int records, double meanOfMeans, double p99OfP99s, double maxP99) = await GatewayProcessingAsync(silo);

        Console.WriteLine(FormattableString.Invariant(
            $"bridge-relay calls={streams} established={established} {arguments.Seconds} s measured, {Environment.ProcessorCount} cores shared by silo, echo agent process and generator"));
        Console.WriteLine(FormattableString.Invariant(
            $"  call setup (INVITE -> 401 -> INVITE -> 200, agent connect included): p50 {setup.GetValueAtPercentile(50) / 1000.0:0.0} ms, p99 {setup.GetValueAtPercentile(99) / 1000.0:0.0} ms"));
        Console.WriteLine(FormattableString.Invariant(
            $"  RTP packets/s through the silo (in+out): {RelayReport.Traffic(sent, received, arguments.Seconds)}"));
        Console.WriteLine(FormattableString.Invariant(
            $"  round trip RTP -> agent -> RTP: {RelayReport.Delay(delay)}"));
        Console.WriteLine(FormattableString.Invariant(
            $"  gateway processing per call (bridge's own measure, {records} call records): mean {meanOfMeans:0.000} ms, p99 of per-call p99s {p99OfP99s:0.000} ms, worst call p99 {maxP99:0.000} ms"));
        Console.WriteLine(FormattableString.Invariant(
            $"  load process CPU (silo + generator) {cpu.TotalSeconds / wall.Elapsed.TotalSeconds * 100:0} % of one core"));
    }

    // What the call records say the bridge itself added (arrival → handed on, both directions), per spec §6.
    private static async Task<(int Records, double MeanOfMeans, double P99OfP99s, double MaxP99)> GatewayProcessingAsync(LoadSilo silo)
    {
        using HttpClient client = silo.CreateClient(1);
        var means = new List<double>();
        var p99s = new List<double>();
        string? cursor = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/calls?limit=100&status=completed" + (cursor is null ? string.Empty : "&cursor=" + cursor));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", silo.ApiKey);
            using HttpResponseMessage response = await client.SendAsync(request);
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            foreach (JsonElement call in document.RootElement.GetProperty("data").EnumerateArray())
            {
                JsonElement metrics = call.GetProperty("metrics");
                if (metrics.TryGetProperty("gateway_processing_ms", out JsonElement mean) && mean.ValueKind == JsonValueKind.Number)
                {
                    means.Add(mean.GetDouble());
                }

                if (metrics.TryGetProperty("gateway_processing_p99_ms", out JsonElement p99) && p99.ValueKind == JsonValueKind.Number)
                {
                    p99s.Add(p99.GetDouble());
                }
            }

            cursor = document.RootElement.TryGetProperty("next_cursor", out JsonElement next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);

        if (means.Count == 0 || p99s.Count == 0)
        {
            return (0, 0, 0, 0);
        }

        p99s.Sort();
        return (means.Count, means.Average(), p99s[Math.Min(p99s.Count - 1, (int)Math.Ceiling(p99s.Count * 0.99) - 1)], p99s[^1]);
    }

    private static async Task<(string Username, string Password)> CreateTrunkAsync(LoadSilo silo, Uri agent)
    {
        using HttpClient client = silo.CreateClient(1);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/trunks")
        {
            Content = JsonContent.Create(new Dictionary<string, string>
            {
                ["name"] = "load",
                ["provider"] = "custom",
                ["websocket_url"] = agent.ToString(),
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", silo.ApiKey);
        using HttpResponseMessage response = await client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException("creating the trunk failed: " + text);
        }

        using var document = JsonDocument.Parse(text);
        JsonElement data = document.RootElement.GetProperty("data");
        return (data.GetProperty("sip_username").GetString()!, data.GetProperty("sip_password").GetString()!);
    }
}
