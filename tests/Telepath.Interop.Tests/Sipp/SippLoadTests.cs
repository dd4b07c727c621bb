using System.Globalization;
using Xunit.Abstractions;

namespace Telepath.Interop.Tests.Sipp;

/// <summary>
/// SIPp at a steady call rate with digest auth against the real server. By default a short run (a functional
/// stress test that every call succeeds); <c>bench/load/sipp-load.sh</c> raises the rate and count through
/// TELEPATH_SIP_LOAD_RATE / TELEPATH_SIP_LOAD_CALLS and reads the printed setup-time percentiles.
/// </summary>
public sealed class SippLoadTests : IClassFixture<SippServerFixture>
{
    private readonly SippServerFixture _server;
    private readonly ITestOutputHelper _output;

    public SippLoadTests(SippServerFixture server, ITestOutputHelper output)
    {
        _server = server;
        _output = output;
    }

    [Fact]
    [Trait("Category", "Load")]
    public async Task Sustains_authenticated_call_rate_with_every_call_completing()
    {
        int rate = Setting("TELEPATH_SIP_LOAD_RATE", 100);
        int calls = Setting("TELEPATH_SIP_LOAD_CALLS", 200);
        int before = _server.Events.Ended.Count;
        int answeredBefore = _server.Events.Answered.Count;
        var started = DateTime.UtcNow;
        SippResult result = await SippRunner.RunAsync(
            _server.EndPoint, "load_invite_auth_bye.xml", SippServerFixture.Username, InteropCallHandler.AnswerNumber, calls: calls,
            extra: ["-r", rate.ToString(CultureInfo.InvariantCulture), "-l", "2000", "-trace_rtt", "-rtt_freq", "1"],
            keepFiles: "*_rtt.csv");
        double seconds = (DateTime.UtcNow - started).TotalSeconds;

        Assert.True(result.ExitCode == 0, result.Output);
        await _server.Events.WaitForEndedCountAsync(before + calls, TimeSpan.FromSeconds(30));
        List<double> setup = ParseRtt(result.Files);
        Assert.Equal(calls, setup.Count);
        setup.Sort();

        // The server's own figure (spec §6 setup_ms: authenticated INVITE received → 200 OK sent), without SIPp's side.
        List<double> serverSetup = [.. _server.Events.Answered.Skip(answeredBefore).Select(static a => a.SetupMs)];
        serverSetup.Sort();
        Assert.Equal(calls, serverSetup.Count);
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SIPLOAD retransmissions={Retransmissions(result.Output)} rate={rate}cps calls={calls} wall={seconds:F1}s achieved={calls / seconds:F0}cps setup_ms p50={Percentile(setup, 0.50):F2} p99={Percentile(setup, 0.99):F2} max={setup[^1]:F2} server_setup_ms p50={Percentile(serverSetup, 0.50):F3} p99={Percentile(serverSetup, 0.99):F3} max={serverSetup[^1]:F3}"));
    }

    private static string Retransmissions(string screen)
    {
        // The final SIPp screen: "      INVITE ---------->   <messages>   <retrans> ..." per scenario line.
        var counts = new List<string>();
        foreach (string line in screen.Split('\n'))
        {
            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 5 && parts[1].StartsWith("---", StringComparison.Ordinal) && parts[0] is "INVITE" or "BYE")
            {
                // An RTD marker ("B-RTD1") may sit before the message count.
                int first = parts[2].Contains("RTD", StringComparison.Ordinal) ? 3 : 2;
                counts.Add(parts[0] + ":" + parts[first + 1]);
            }
        }

        return string.Join(',', counts);
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : fallback;

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static List<double> ParseRtt(string files)
    {
        // SIPp's rtt.csv: date_ms;response_time_ms;rtd_no
        var values = new List<double>();
        foreach (string line in files.Split('\n'))
        {
            string[] parts = line.Trim().Split(';');
            if (parts.Length >= 3 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double ms))
            {
                values.Add(ms);
            }
        }

        return values;
    }
}
