using System.Runtime.InteropServices;

namespace Telepath.Media.Rtp.Engine.Epoll;

/// <summary>
/// Linux <c>epoll(7)</c> through libc, for the RTP receive thread. Events are exchanged as <see cref="int"/> arrays so
/// no unsafe code or struct packing is needed: <c>struct epoll_event</c> is 12 bytes (packed) on x86-64 and 16 bytes
/// (8-byte aligned <c>data</c>) elsewhere; <see cref="EventStride"/> and <see cref="DataOffset"/> give the layout.
/// </summary>
internal static class EpollNativeMethods
{
    /// <summary><c>EPOLLIN</c>: the descriptor has data to read.</summary>
    public const int EpollIn = 0x001;

    /// <summary><c>EPOLLOUT</c>: the descriptor can take more data.</summary>
    public const int EpollOut = 0x004;

    /// <summary><c>EPOLLERR</c>: an error is pending on the descriptor.</summary>
    public const int EpollError = 0x008;

    /// <summary><c>EPOLLHUP</c>: the peer hung up.</summary>
    public const int EpollHangUp = 0x010;

    /// <summary><c>EPOLLRDHUP</c>: the peer shut down its writing half.</summary>
    public const int EpollReadHangUp = 0x2000;

    /// <summary><c>EPOLLET</c>: report each change of readiness once (edge-triggered).</summary>
    public const int EdgeTriggered = unchecked((int)0x80000000);

    /// <summary><c>EPOLL_CTL_ADD</c>.</summary>
    public const int ControlAdd = 1;

    /// <summary><c>EPOLL_CTL_DEL</c>.</summary>
    public const int ControlDelete = 2;

    /// <summary><c>EPOLL_CLOEXEC</c>.</summary>
    public const int CloseOnExec = 0x80000;

    /// <summary><c>EINTR</c>: a signal interrupted the wait.</summary>
    public const int Interrupted = 4;

    /// <summary>Gets the size of one <c>epoll_event</c> in <see cref="int"/>s.</summary>
    public static int EventStride { get; } = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 3 : 4;

    /// <summary>Gets the position, in <see cref="int"/>s, of the low 32 bits of <c>data</c> within an event.</summary>
    public static int DataOffset { get; } = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 1 : 2;

    /// <summary>Gets a value indicating whether epoll can be used here (Linux on a little-endian 64-bit CPU).</summary>
    public static bool IsSupported { get; } =
        OperatingSystem.IsLinux() && BitConverter.IsLittleEndian && Environment.Is64BitProcess;

    [DllImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Create(int flags);

    [DllImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Control(int epoll, int operation, int descriptor, int[] epollEvent);

    [DllImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Wait(int epoll, [Out] int[] events, int maxEvents, int timeoutMilliseconds);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Close(int descriptor);

    /// <summary>Sleeps <paramref name="ticks"/> of a clock running at <paramref name="frequency"/> ticks a second (a <see cref="TimeProvider"/> or <see cref="System.Diagnostics.Stopwatch"/> interval).</summary>
    public static void Sleep(long ticks, long frequency) => Sleep((long)(ticks * (1_000_000_000.0 / frequency)));

    /// <summary>Sleeps <paramref name="nanoseconds"/> on the monotonic clock (shorter when a signal interrupts it).</summary>
    public static void Sleep(long nanoseconds)
    {
        var request = new Timespec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
        _ = ClockNanosleep(MonotonicClock, 0, ref request, IntPtr.Zero);
    }

    /// <summary>
    /// <c>sched_yield</c>: a real-time thread goes to the back of its priority's run queue, so another thread of the same
    /// priority waiting for this core runs first; with none waiting it returns at once.
    /// </summary>
    [DllImport("libc", EntryPoint = "sched_yield")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Yield();

    private const int MonotonicClock = 1;

    [DllImport("libc", EntryPoint = "clock_nanosleep")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockNanosleep(int clock, int flags, ref Timespec request, IntPtr remaining);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
