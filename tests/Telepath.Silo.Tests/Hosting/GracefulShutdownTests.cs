using System.Diagnostics;
using System.Net;
using Telepath.Silo.Hosting;
using Telepath.TestKit;
using Telepath.TestKit.Network;

namespace Telepath.Silo.Tests.Hosting;

/// <summary>
/// Issue #3: the silo program, run as a real process, becomes ready and on SIGTERM leaves cleanly within a bounded
/// time with exit code 0 — what systemd or Kubernetes rely on for rolling restarts.
/// </summary>
public sealed class GracefulShutdownTests
{
    [Fact(Timeout = 90_000)]
    public async Task Program_stops_cleanly_within_its_shutdown_timeout_on_sigterm()
    {
        using var data = new TempDirectory("telepath-sigterm");
        var httpPort = FreePort.Tcp();
        var programPath = typeof(TelepathApplication).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            programPath,
            "--Telepath:DataDirectory=" + data.Path,
            "--Telepath:Http:ListenAddress=127.0.0.1",
            "--Telepath:Http:HttpPort=" + httpPort,
            "--Telepath:Http:HttpsPort=" + FreePort.Tcp(),
            "--Telepath:SiloPort=" + FreePort.Tcp(),
            "--Telepath:GatewayPort=" + FreePort.Tcp(),
            "--Telepath:ShutdownTimeoutSeconds=10",
        }.Concat(Support.SiloProcess.MediaSwitches()))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        // Event-based reading: the pipes of a child process are not async streams, and a pending read would hold a thread.
        process.OutputDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        process.ErrorDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(5) };
            var ready = false;
            for (var attempt = 0; attempt < 300 && !ready && !process.HasExited; attempt++)
            {
                try
                {
                    using var response = await client.GetAsync("/readyz");
                    ready = response.StatusCode == HttpStatusCode.OK;
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet: Kestrel binds only once the silo has started.
                }

                if (!ready)
                {
                    await Task.Delay(100);
                }
            }

            Assert.True(ready, "The program never became ready: " + string.Join("\n", output));
            var stopwatch = Stopwatch.StartNew();
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await process.WaitForExitAsync(deadline.Token);
            Assert.Equal(0, process.ExitCode);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(12), $"Stopping took {stopwatch.Elapsed}.");
            process.WaitForExit();
            Assert.Contains(output, line => line.Contains("Orleans Silo stopped", StringComparison.Ordinal));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
