namespace Telepath.Media.Hosting;

/// <summary>RTP settings, bound from <c>Telepath:Rtp</c>.</summary>
public sealed class RtpOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Telepath:Rtp";

    /// <summary>Gets or sets the first UDP port for RTP (even). Default 20000.</summary>
    public int PortRangeStart { get; set; } = 20000;

    /// <summary>Gets or sets the last UDP port for RTP. Default 29999.</summary>
    public int PortRangeEnd { get; set; } = 29999;

    /// <summary>Gets or sets how long a call may go without caller RTP before it ends with <c>media_timeout</c>; zero disables it. Default 30 s.</summary>
    public TimeSpan MediaTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets a value indicating whether media runs on the engine's epoll threads (Linux; elsewhere it always uses
    /// socket async operations on the thread pool): one real-time thread per core reads its share of the RTP sockets
    /// and agent connections and carries each frame to the other side without a thread hand-off. Default true.
    /// </summary>
    public bool EpollReceive { get; set; } = true;

    /// <summary>Gets or sets the number of epoll media threads with <see cref="EpollReceive"/>; 0 (the default) is one per core.</summary>
    public int ReceiveThreads { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the media threads (epoll receive, pacer) ask Linux for real-time
    /// scheduling (<c>SCHED_FIFO</c> 1), so a datagram's arrival preempts whatever else runs. Default true; it needs
    /// <c>CAP_SYS_NICE</c> or <c>LimitRTPRIO=1</c>, and without them the threads keep the normal class (logged once).
    /// </summary>
    public bool RealtimeThreads { get; set; } = true;

    /// <summary>
    /// Gets or sets how long a busy epoll media thread sleeps after handling a batch before it looks for more, taking
    /// everything that arrived meanwhile in one go, so that senders no longer wake it. Only a thread busy at least 30 %
    /// of the time coalesces; a lighter loaded one wakes at each arrival. Each arrival then waits up to the window, so
    /// this trades latency for CPU. Default <see cref="TimeSpan.Zero"/> (never): measured at 500 bridged calls it cost
    /// more latency than the CPU it saved was worth. At most <see cref="MaxCoalesceWindow"/>.
    /// </summary>
    public TimeSpan CoalesceWindow { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the receive latency figures (gateway processing, carrier → agent) count
    /// from the kernel's receive time of each datagram, which includes the wait for a thread (Linux; one extra system
    /// call per datagram). Default false.
    /// </summary>
    public bool KernelArrivalTimestamps { get; set; }

    /// <summary>Gets the longest <see cref="CoalesceWindow"/> accepted: a tenth of a 20 ms frame.</summary>
    public static TimeSpan MaxCoalesceWindow { get; } = TimeSpan.FromMilliseconds(2);
}
