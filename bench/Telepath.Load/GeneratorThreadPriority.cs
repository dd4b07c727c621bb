using System.Runtime.InteropServices;
using Telepath.Media.Rtp.Engine;

namespace Telepath.Load;

/// <summary>
/// The phones' pacer thread: real-time, one step above Telepath's media threads (<c>SCHED_FIFO</c> 2 against 1), so
/// it sends every frame on time as phones on other machines would (Linux, when permitted).
/// <c>TELEPATH_LOAD_PACER_REALTIME=0</c> puts it at nice -20 instead, the earlier arrangement, for comparison.
/// </summary>
/// <remarks>
/// <para>Why above: each datagram the pacer sends wakes a silo media thread, and a real-time thread woken on the
/// pacer's own core preempts a normal one at once. At nice -20 the pacer was preempted about 11,000 times a second at
/// 500 calls, one context switch pair per datagram it got out, and it fell so far behind that it offered only 79 % of
/// its frames. Above the media threads it is never preempted by them: the kernel places a woken media thread on the
/// other core when that one runs something less urgent, or it waits for the pacer's burst of the millisecond (25
/// datagrams at 500 calls) to end. That wait is part of the measured caller → agent time, charged to Telepath.</para>
/// <para>Not at the media threads' own priority: a FIFO thread of equal priority is not preempted either, but
/// then the pacer also waits behind them, and the offered load drops again on a saturated machine.</para>
/// </remarks>
internal static class GeneratorThreadPriority
{
    private const int PriorityProcess = 0;
    private const int HighestNice = -20;
    private const int AboveMediaThreads = 2;

    /// <summary>Gets a value indicating whether the pacer should be real-time (<c>TELEPATH_LOAD_PACER_REALTIME</c>, default on).</summary>
    public static bool Realtime { get; } = Environment.GetEnvironmentVariable("TELEPATH_LOAD_PACER_REALTIME") is not "0";

    /// <summary>Raises the calling thread; false where the platform or the permissions do not allow it.</summary>
    public static bool TryRaiseCurrent()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        if (Realtime && RealtimeMediaThreads.TryMakeCurrentRealtime(AboveMediaThreads) is null)
        {
            return true;
        }

        // On Linux, PRIO_PROCESS with id 0 is the calling thread.
        return SetPriority(PriorityProcess, 0, HighestNice) == 0;
    }

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, int who, int priority);
}
