using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Telepath.TestKit.Network;
using Telepath.TestKit.Tools;

namespace Telepath.Interop.Tests.Baresip;

/// <summary>
/// Runs <c>baresip</c> (Debian <c>baresip-core</c>), a second SIP user agent nobody here wrote, as a caller: it
/// registers nothing, dials one number with digest credentials, sends a tone file as its microphone, and hangs up
/// when the file ends (baresip's menu ends the call on the audio source's end of file).
/// </summary>
internal static class BaresipRunner
{
    /// <summary>
    /// Places one call and waits for baresip to exit (bounded by <paramref name="timeout"/>). baresip listens on UDP
    /// and TCP at once; a free UDP port may be taken for TCP, so a start that fails to bind is retried on another.
    /// </summary>
    public static async Task<BaresipResult> CallAsync(
        IPEndPoint server, string username, string password, string called, string codec, bool tcp, TimeSpan toneLength, TimeSpan timeout)
    {
        BaresipResult result;
        int attempt = 0;
        do
        {
            result = await CallOnceAsync(server, username, password, called, codec, tcp, toneLength, timeout);
        }
        while (++attempt < 5 && result.Output.Contains("Address already in use", StringComparison.Ordinal) && !result.Established);

        return result;
    }

    private static async Task<BaresipResult> CallOnceAsync(
        IPEndPoint server, string username, string password, string called, string codec, bool tcp, TimeSpan toneLength, TimeSpan timeout)
    {
        string baresip = InstalledTool.Require("baresip", "baresip-core");
        string home = Directory.CreateTempSubdirectory("telepath-baresip-").FullName;
        try
        {
            string tone = Path.Combine(home, "tone.wav");
            await File.WriteAllBytesAsync(tone, ToneWave.Create(440, toneLength));
            int sipPort = tcp ? FreePort.Tcp() : FreePort.Udp();
            string config = string.Join('\n',
                "poll_method epoll",
                $"sip_listen 127.0.0.1:{sipPort}",
                "module_path /usr/lib/baresip/modules",
                "module g711.so",
                "module aufile.so",
                "module_app account.so",
                "module_app menu.so",
                $"audio_source aufile,{tone}",
                // A range outside the server's (30000-39999); baresip skips ports it cannot bind.
                "rtp_ports 43000-43999",
                "rtcp_mux no",
                string.Empty);
            await File.WriteAllTextAsync(Path.Combine(home, "config"), config);
            await File.WriteAllTextAsync(
                Path.Combine(home, "accounts"),
                $"<sip:{username}@{server.Address}>;auth_pass={password};regint=0;audio_codecs={codec}\n");

            string transport = tcp ? ";transport=tcp" : string.Empty;
            var info = new ProcessStartInfo(baresip)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                WorkingDirectory = home,
            };
            foreach (string argument in new[]
            {
                "-f", home, "-n", "127.0.0.1", "-s",
                "-e", $"/dial sip:{called}@{server.Address}:{server.Port.ToString(CultureInfo.InvariantCulture)}{transport}",
                "-t", ((int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
            })
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info)!;
            var output = new StringBuilder();
            Task stdout = PumpAsync(process.StandardOutput, output);
            Task stderr = PumpAsync(process.StandardError, output);
            using var deadline = new CancellationTokenSource(timeout + TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }

            await Task.WhenAll(stdout, stderr);
            string text;
            lock (output)
            {
                text = output.ToString();
            }

            return new BaresipResult(process.HasExited ? process.ExitCode : -1, text);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder sink)
    {
        char[] buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (sink)
            {
                sink.Append(buffer, 0, read);
            }
        }
    }
}
