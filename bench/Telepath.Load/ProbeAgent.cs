using System.Globalization;

namespace Telepath.Load;

/// <summary>
/// The load runs' agent: a minimal WebSocket server (<see cref="ProbeAgentServer"/>) speaking the custom (Twilio Media Streams) protocol,
/// started by <see cref="ProbeAgentProcess"/> as its own process (<c>Telepath.Load probe-agent --port N --mode M</c>),
/// like any real agent. It is benchmark code on purpose, not the newcomers' sample: it stamps probes
/// (<see cref="ProbePayload"/>) and does as little work per frame as it can, so the cores it shares with the silo go
/// to Telepath. Modes: <c>echo</c> returns each caller frame at once with its receive and send times;
/// <c>barge-in</c> ignores caller audio and plays bursts that it interrupts with <c>clear</c>.
/// </summary>
internal static class ProbeAgent
{
    /// <summary>Runs the agent until the parent process kills it (or stdin closes); answers "gc" on stdin.</summary>
    public static async Task RunAsync(string[] args)
    {
        int port = 0;
        bool bargeIn = false;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--port":
                    port = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--mode":
                    bargeIn = args[i + 1] == "barge-in";
                    break;
                default:
                    throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        using var server = new ProbeAgentServer(port, socket => new ProbeAgentSession(socket, bargeIn).RunAsync(CancellationToken.None));

        // The parent holds our stdin: a "gc" line asks for our collection figures, and when stdin goes away (even
        // with the parent killed), so do we.
        while (await Console.In.ReadLineAsync() is string command)
        {
            if (command == "gc")
            {
                Console.WriteLine(ProbeAgentGc.Current().Format());
            }
        }
    }
}
