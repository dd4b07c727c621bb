using System.Diagnostics;
using System.Globalization;
using System.Net;
using Telepath.TestKit.Network;
using Telepath.TestKit.Tools;

namespace Telepath.Api.Tests.EndToEnd;

/// <summary>
/// Runs the <c>sipp</c> binary (Debian <c>sip-tester</c>, installed by <c>./build.sh test</c>) as a carrier placing one
/// call over UDP on loopback, with digest credentials, and returns its exit code (0: the call followed the scenario).
/// </summary>
internal static class SippCaller
{
    public static async Task<(int ExitCode, string Output)> CallAsync(
        IPEndPoint server, string scenarioXml, string username, string password, string called, CancellationToken cancellationToken = default)
    {
        var workDir = Directory.CreateTempSubdirectory("telepath-e2e-sipp-").FullName;
        var scenario = Path.Combine(workDir, "scenario.xml");
        await File.WriteAllTextAsync(scenario, scenarioXml, cancellationToken);
        var info = new ProcessStartInfo(InstalledTool.Require("sipp", "sip-tester"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workDir,
        };
        foreach (var arg in new[]
        {
            string.Create(CultureInfo.InvariantCulture, $"{server.Address}:{server.Port}"),
            "-sf", scenario,
            "-s", username,
            "-key", "called", called,
            "-au", username, "-ap", password,
            "-i", "127.0.0.1", "-p", FreePort.Udp().ToString(CultureInfo.InvariantCulture),
            "-mi", "127.0.0.1", "-mp", FreePort.Udp().ToString(CultureInfo.InvariantCulture),
            "-t", "u1", "-m", "1",
            "-timeout", "30s", "-timeout_error",
            "-nostdin", "-trace_err", "-trace_msg",
        })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(45));
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout + await stderr;
        if (process.ExitCode == 0)
        {
            Directory.Delete(workDir, recursive: true);
        }
        else
        {
            foreach (var log in Directory.GetFiles(workDir, "*.log"))
            {
                output += "\n--- " + Path.GetFileName(log) + " ---\n" + await File.ReadAllTextAsync(log, CancellationToken.None);
            }
        }

        return (process.ExitCode, output);
    }
}
