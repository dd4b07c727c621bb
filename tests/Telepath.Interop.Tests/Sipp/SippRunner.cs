using System.Diagnostics;
using System.Globalization;
using System.Net;
using Telepath.TestKit.Network;
using Telepath.TestKit.Tools;

namespace Telepath.Interop.Tests.Sipp;

/// <summary>Runs the <c>sipp</c> binary (Debian <c>sip-tester</c>) with one of our scenarios, bounded in calls and time.</summary>
internal static class SippRunner
{
    public static string ScenarioPath(string name) => Path.Combine(AppContext.BaseDirectory, "Sipp", "Scenarios", name);

    public static async Task<SippResult> RunAsync(
        IPEndPoint server, string scenario, string service, string called, bool tcp = false, int calls = 1,
        string password = SippServerFixture.Password, IReadOnlyList<string>? extra = null, string? keepFiles = null, string authUser = SippServerFixture.Username)
    {
        string sipp = InstalledTool.Require("sipp", "sip-tester");
        string workDir = Directory.CreateTempSubdirectory("telepath-sipp-").FullName;
        int localPort = tcp ? FreePort.Tcp() : FreePort.Udp();
        var info = new ProcessStartInfo(sipp)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workDir,
        };
        foreach (string arg in new[]
        {
            string.Create(CultureInfo.InvariantCulture, $"{server.Address}:{server.Port}"),
            "-sf", ScenarioPath(scenario),
            "-s", service,
            "-key", "called", called,
            "-au", authUser, "-ap", password,
            "-i", "127.0.0.1", "-p", localPort.ToString(CultureInfo.InvariantCulture),
            "-mi", "127.0.0.1", "-mp", FreePort.Udp().ToString(CultureInfo.InvariantCulture),
            "-t", tcp ? "t1" : "u1",
            "-m", calls.ToString(CultureInfo.InvariantCulture),
            "-timeout", "25s", "-timeout_error",
            "-nostdin", "-trace_err", "-trace_screen",
        })
        {
            info.ArgumentList.Add(arg);
        }

        if (keepFiles is null)
        {
            // The full message trace helps when a scenario fails; a load run would drown in it.
            info.ArgumentList.Add("-trace_msg");
        }

        foreach (string arg in extra ?? [])
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        string logs = string.Join("\n", Directory.GetFiles(workDir, "*errors.log").Select(File.ReadAllText));
        string files = keepFiles is null ? string.Empty : string.Join("\n", Directory.GetFiles(workDir, keepFiles).Select(File.ReadAllText));
        string messages = string.Join("\n", Directory.GetFiles(workDir, "*messages.log").Select(File.ReadAllText));
        if (process.ExitCode == 0)
        {
            Directory.Delete(workDir, recursive: true);
        }
        else
        {
            logs += "\n--- SIPp message trace (kept in " + workDir + ") ---\n" + (messages.Length > 20000 ? messages[^20000..] : messages);
        }

        return new SippResult(process.ExitCode, await stdout + await stderr + logs, files);
    }
}

/// <summary>What a SIPp run returned.</summary>
internal sealed record SippResult(int ExitCode, string Output, string Files);
