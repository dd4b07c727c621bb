using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Telepath.Load;

/// <summary>
/// The sample agent (<c>samples/EchoAgent</c>) as its own process on loopback, echoing every frame at once
/// (<c>DelayMs=0</c>): a separate process like any real agent, sharing the machine's cores with the silo and the load.
/// </summary>
internal sealed class EchoAgentProcess : IAsyncDisposable
{
    private readonly Process _process;

    private EchoAgentProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri WebSocketUrl => new("ws://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture) + "/");

    public static async Task<EchoAgentProcess> StartAsync()
    {
        string root = RepositoryRoot();
        string project = Path.Combine(root, "samples", "EchoAgent", "EchoAgent.csproj");
        await RunAsync("dotnet", ["build", project, "-c", "Release", "-v", "q", "-nologo"]);
        string dll = Path.Combine(root, "samples", "EchoAgent", "bin", "Release", "net10.0", "EchoAgent.dll");
        int port = LoopbackPort.FreeTcp();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { dll, "--urls", "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture), "--EchoAgent:DelayMs=0", "--Logging:LogLevel:Default=Warning" })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the echo agent");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var agent = new EchoAgentProcess(process, port);
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
        throw new InvalidOperationException("the echo agent did not start listening");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static async Task RunAsync(string file, string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        string output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("building the echo agent failed:\n" + output);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Telepath.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run from inside the Telepath repository");
    }
}
