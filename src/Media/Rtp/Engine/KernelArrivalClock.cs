using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Telepath.Media.Rtp.Engine;

/// <summary>
/// When the kernel received the datagram a socket read last (Linux <c>SIOCGSTAMP</c>), as a timestamp of the stream's
/// clock. Measuring from there instead of from when our code got the datagram adds the time it sat in the socket
/// waiting for a thread, which is part of the delay we add but invisible to user-space stamps. One <c>ioctl</c> per
/// datagram, so it is a diagnostic switch (<see cref="RtpEngineOptions.KernelArrivalTimestamps"/>), off by default.
/// </summary>
internal sealed class KernelArrivalClock
{
    // <linux/sockios.h>: SIOCGSTAMP (SIOCGSTAMP_OLD on 64-bit, where it returns a struct timeval of two longs).
    private const int GetStamp = 0x8906;

    private readonly TimeProvider _time;
    private readonly long[] _timeval = new long[2];

    /// <summary>Creates a clock converting into <paramref name="time"/>'s timestamps.</summary>
    public KernelArrivalClock(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Gets a value indicating whether the platform can report kernel receive times.</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && Environment.Is64BitProcess;

    /// <summary>
    /// Turns on kernel receive timestamps for <paramref name="socket"/>: the first <c>SIOCGSTAMP</c> on a socket enables
    /// them (and finds none), so a socket is primed before its first datagram arrives.
    /// </summary>
    public void Enable(Socket socket) => Control((int)socket.Handle, GetStamp, _timeval);

    /// <summary>
    /// Maps the kernel receive time of the last datagram read from <paramref name="socket"/> onto the timestamp scale
    /// of <paramref name="now"/>; returns <paramref name="now"/> when the kernel has none. Not thread-safe: one per
    /// receive path.
    /// </summary>
    public long ArrivalOf(Socket socket, long now)
    {
        if (Control((int)socket.Handle, GetStamp, _timeval) != 0)
        {
            return now;
        }

        long kernelTicks = DateTime.UnixEpoch.Ticks + (_timeval[0] * TimeSpan.TicksPerSecond) + (_timeval[1] * 10);
        long ageTicks = _time.GetUtcNow().UtcTicks - kernelTicks;
        if (ageTicks <= 0)
        {
            return now;
        }

        return now - (long)(ageTicks * (double)_time.TimestampFrequency / TimeSpan.TicksPerSecond);
    }

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Control(int descriptor, int request, [Out] long[] value);
}
