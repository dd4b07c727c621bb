using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Telepath.Load;

/// <summary>
/// The <see cref="ProbeAgent"/> as its own process on loopback (this same program, scenario <c>probe-agent</c>): a
/// separate process like any real agent, sharing the machine's cores with the silo and the load generator. It runs
/// with the workstation GC so that it does not claim a server heap per core next to the silo.
/// </summary>
internal sealed class ProbeAgentProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Threading.Channels.Channel<ProbeAgentGc> _gcAnswers = System.Threading.Channels.Channel.CreateUnbounded<ProbeAgentGc>();

    private ProbeAgentProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri WebSocketUrl => new("ws://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture) + "/");

    /// <summary>Gets the CPU time the agent process has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Asks the agent for its garbage-collection counters now.</summary>
    public async Task<ProbeAgentGc> GcAsync()
    {
        await _process.StandardInput.WriteLineAsync("gc");
        await _process.StandardInput.FlushAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return await _gcAnswers.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Starts the agent in <paramref name="mode"/> (<c>echo</c> or <c>barge-in</c>) and waits until it listens.</summary>
    public static async Task<ProbeAgentProcess> StartAsync(string mode)
    {
        string self = typeof(ProbeAgentProcess).Assembly.Location;
        int port = LoopbackPort.FreeTcp();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { self, "probe-agent", "--port", port.ToString(CultureInfo.InvariantCulture), "--mode", mode })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the probe agent");
        var agent = new ProbeAgentProcess(process, port);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is string line && ProbeAgentGc.Parse(line) is ProbeAgentGc gc)
            {
                agent._gcAnswers.Writer.TryWrite(gc);
            }
        };
        process.ErrorDataReceived += static (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine("probe-agent: " + line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (int i = 0; i < 200; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return agent;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        await agent.DisposeAsync();
        throw new InvalidOperationException("the probe agent did not start listening");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Closing its stdin ends it cleanly; kill it if it does not go.
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }
}
