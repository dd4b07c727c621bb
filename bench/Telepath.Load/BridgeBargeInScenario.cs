namespace Telepath.Load;

/// <summary>
/// Issue #8's barge-in flush time: N calls whose probe agent plays 3 s bursts (sent at once, faster than real time,
/// as text-to-speech does), interrupts each 0.4–2.4 s in with <c>clear</c>, and then sends one notice frame carrying
/// the clear's send time. The phone takes clear sent → arrival of the last frame of that burst (1 µs when none came
/// after the clear). That spans the WebSocket hop, the adapter, the bridge's flush of pacer and backlog, and the RTP
/// hop: everything between a bot's <c>clear</c> and the caller hearing silence.
/// </summary>
internal static class BridgeBargeInScenario
{
    public static async Task RunAsync(ScenarioArguments arguments)
    {
        BridgeLoad load = await BridgeLoad.StartAsync(arguments.Concurrency, "barge-in", arguments.Epoll);
        await using (load)
        {
            BridgeWindow window = await load.MeasureAsync(arguments.Seconds);
            ProbeRecorder probe = load.Probe;
            await load.HangUpAsync();

            load.PrintCommon("bridge-barge-in", arguments.Seconds, window);
            Console.WriteLine(FormattableString.Invariant(
                $"  cleared bursts {probe.Turns}; with a frame after the clear {probe.TurnsWithLateFrames} ({(probe.Turns == 0 ? 0 : 100.0 * probe.TurnsWithLateFrames / probe.Turns):0.0} %), {probe.LateFrames} such frames"));
            Console.WriteLine("  flush time (clear sent -> last burst frame at the phone): " + RelayReport.Delay(probe.Flush));
            Console.WriteLine("  clear sent -> next agent frame at the phone (whole clear path, WebSocket + adapter + flush + pacer restart + RTP): " + RelayReport.Delay(probe.ClearToNextAudio));
        }
    }
}
