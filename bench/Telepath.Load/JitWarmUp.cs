using System.Diagnostics;
using System.Runtime;

namespace Telepath.Load;

/// <summary>
/// Waits until the JIT has finished tiering up the load process's hot paths. Under load, re-compiling the frame path
/// at tier 1 takes the background compiler a minute or more (it runs at normal priority, behind the real-time media
/// threads), and until then it costs up to a sixth of a core and the frames run unoptimized code. A gateway serves
/// calls for days after that minute, so the figures are taken once compilation has quietened: fewer than
/// <see cref="QuietCompilations"/> methods in <see cref="QuietPeriod"/>, or after <see cref="Limit"/> in any case.
/// </summary>
internal static class JitWarmUp
{
    private const int QuietCompilations = 10;
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(150);

    /// <summary>Returns how long it waited and whether compilation quietened before the limit.</summary>
    public static async Task<(TimeSpan Waited, bool Quiet)> WaitAsync()
    {
        var waited = Stopwatch.StartNew();
        long before = JitInfo.GetCompiledMethodCount();
        while (waited.Elapsed < Limit)
        {
            await Task.Delay(QuietPeriod);
            long now = JitInfo.GetCompiledMethodCount();
            if (now - before < QuietCompilations)
            {
                return (waited.Elapsed, true);
            }

            before = now;
        }

        return (waited.Elapsed, false);
    }
}
