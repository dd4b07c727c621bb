using Telepath.Load;

// Each scenario starts what it needs on loopback, runs for a bounded time and prints its numbers.
var scenario = args.Length > 0 ? args[0] : "help";
switch (scenario)
{
    case "api-auth":
        await ApiAuthScenario.RunAsync(ScenarioArguments.Parse(args[1..]));
        return 0;
    case "rtp-relay":
        await RtpRelayScenario.RunAsync(ScenarioArguments.Parse(args[1..]));
        return 0;
    case "bridge-relay":
        await BridgeRelayScenario.RunAsync(ScenarioArguments.Parse(args[1..]));
        return 0;
    default:
        Console.WriteLine("""
            usage: dotnet run -c Release --project bench/Telepath.Load -- <scenario> [--seconds N] [--concurrency N]

            scenarios:
              api-auth   authenticated GET /v1/api-keys vs GET /healthz on one silo over HTTPS:
                         throughput ratio and the latency added by authentication + rate limiting
              rtp-relay  N (= --concurrency) echoed G.711 streams at 50 pps through the RTP engine:
                         packets/s, loss, added delay p50/p99, CPU
              bridge-relay N SIP calls on the real silo through the call bridge to the sample echo agent
                         (own process, custom protocol): setup time, loss, round-trip delay p50/p99, CPU
            """);
        return scenario == "help" ? 0 : 2;
}
