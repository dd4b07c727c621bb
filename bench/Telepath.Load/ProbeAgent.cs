using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Telepath.Load;

/// <summary>
/// The load runs' agent: a minimal Kestrel WebSocket server speaking the custom (Twilio Media Streams) protocol,
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

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        await using WebApplication app = builder.Build();
        app.UseWebSockets();
        app.Run(async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            using System.Net.WebSockets.WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
            await new ProbeAgentSession(socket, bargeIn).RunAsync(context.RequestAborted);
        });
        await app.StartAsync();

        // The parent holds our stdin: a "gc" line asks for our collection figures, and when stdin goes away (even
        // with the parent killed), so do we.
        while (await Console.In.ReadLineAsync() is string command)
        {
            if (command == "gc")
            {
                Console.WriteLine(ProbeAgentGc.Current().Format());
            }
        }

        await app.StopAsync();
    }
}
