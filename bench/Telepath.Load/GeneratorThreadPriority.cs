using System.Runtime.InteropServices;

namespace Telepath.Load;

/// <summary>
/// The phones' pacer thread at nice -20 (Linux, when permitted). Not real-time: a real-time pacer of the same priority
/// as Telepath's media threads holds a core while it sends a millisecond's frames, and measured that way the silo's
/// receive p50 rose from 0.05 to 0.15–0.77 ms at 100 calls. Nice -20 only gives it the largest share among normal
/// threads, so on a saturated machine the offered load does not quietly drop while real-time threads still preempt it.
/// </summary>
internal static class GeneratorThreadPriority
{
    private const int PriorityProcess = 0;
    private const int HighestNice = -20;

    /// <summary>Raises the calling thread's share; false where the platform or the permissions do not allow it.</summary>
    public static bool TryRaiseCurrent()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        // On Linux, PRIO_PROCESS with id 0 is the calling thread.
        return SetPriority(PriorityProcess, 0, HighestNice) == 0;
    }

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, int who, int priority);
}
