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
    case "bridge-barge-in":
        await BridgeBargeInScenario.RunAsync(ScenarioArguments.Parse(args[1..]));
        return 0;
    case "wake-latency":
        await WakeLatencyScenario.RunAsync(ScenarioArguments.Parse(args[1..]));
        return 0;
    case "loopback-floor":
        await LoopbackFloorScenario.RunAsync(ScenarioArguments.Parse(args[1..]));
        return 0;
    case "probe-agent":
        // Started by the bridge scenarios as their agent process; not meant to be run by hand.
        await ProbeAgent.RunAsync(args[1..]);
        return 0;
    default:
        Console.WriteLine("""
            usage: dotnet run -c Release --project bench/Telepath.Load -- <scenario> [--seconds N] [--concurrency N]

            scenarios:
              api-auth   authenticated GET /v1/api-keys vs GET /healthz on one silo over HTTPS:
                         throughput ratio and the latency added by authentication + rate limiting
              rtp-relay  N (= --concurrency) echoed G.711 streams at 50 pps through the RTP engine:
                         packets/s, loss, added delay p50/p99, CPU
              bridge-relay N SIP calls on the real silo through the call bridge to an echoing probe agent
                         (own process, custom protocol): per-direction delay p50/p99/p99.9, loss, CPU,
                         and the engine's own receive/send figures
              bridge-barge-in N such calls whose agent plays bursts and interrupts them with clear:
                         flush time (clear sent -> last burst frame at the phone) p50/p99
              wake-latency how long a sleeping thread, a pool work item and a blocked UDP read take to run
                         once signalled on this machine: the floor of every thread hand-off above
              loopback-floor N streams over bridge-relay's sockets (phone UDP, gateway UDP, gateway -> agent TCP)
                         forwarded by bare epoll threads with no Telepath code: the least any gateway could add here
            """);
        return scenario == "help" ? 0 : 2;
}
