namespace Telepath.Load;

/// <summary>
/// Issue #8's bridge latency through the whole product: the real silo, a custom-protocol trunk pointing at the probe
/// agent (its own process, echoing at once), N SIP calls, N bidirectional G.711 streams at 50 packets/s. Each
/// measured frame is stamped by the phone when sent, by the agent on receipt and when echoed, and by the phone on
/// arrival (<see cref="ProbePayload"/>), so each direction is measured on its own: phone → RTP → bridge → WebSocket
/// frame → agent, and agent → WebSocket frame → bridge → pacer → RTP → phone. Loopback and the generator are inside
/// both figures; the engine's in-process histograms and the call records' gateway processing show Telepath's share.
/// </summary>
internal static class BridgeRelayScenario
{
    public static async Task RunAsync(ScenarioArguments arguments)
    {
        BridgeLoad load = await BridgeLoad.StartAsync(arguments.Concurrency, "echo", arguments.Epoll);
        await using (load)
        {
            BridgeWindow window = await load.MeasureAsync(arguments.Seconds);
            (long sent, long received) = RelayReport.Totals(load.Peers);
            await load.HangUpAsync();
            (int records, double meanOfMeans, double p99OfP99s, double maxP99) = await CallRecordFigures.GatewayProcessingAsync(load.Silo);

            load.PrintCommon("bridge-relay", arguments.Seconds, window);
            Console.WriteLine(FormattableString.Invariant(
                $"  RTP packets/s through the silo (in+out): {RelayReport.Traffic(sent, received, arguments.Seconds)}"));
            Console.WriteLine("  caller -> agent (phone send -> agent receive):   " + RelayReport.Delay(load.Probe.CallerToAgent));
            Console.WriteLine("  agent -> caller (agent send -> phone arrival):   " + RelayReport.Delay(load.Probe.AgentToCaller));
            Console.WriteLine("  agent turnaround (not Telepath):                 " + RelayReport.Delay(load.Probe.AgentTurnaround));
            Console.WriteLine("  round trip RTP -> agent -> RTP:                  " + RelayReport.Delay(load.RoundTrip));
            Console.WriteLine(FormattableString.Invariant(
                $"  gateway processing per call (call records, whole calls, {records} records): mean {meanOfMeans:0.000} ms, p99 of per-call p99s {p99OfP99s:0.000} ms, worst call p99 {maxP99:0.000} ms"));
        }
    }
}
