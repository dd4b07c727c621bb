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
    /// Gets or sets a value indicating whether the RTP engine receives on its own epoll thread (Linux; elsewhere it always
    /// uses socket async receives on the thread pool). Default false: it halves the engine's own cost per datagram, but
    /// with the call bridge every frame then wakes a thread-pool thread for the agent socket, and in A/B runs at 100 and
    /// 200 calls the whole product was no faster.
    /// </summary>
    public bool EpollReceive { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the receive latency figures (gateway processing, carrier → agent) count
    /// from the kernel's receive time of each datagram, which includes the wait for a thread (Linux; one extra system
    /// call per datagram). Default false.
    /// </summary>
    public bool KernelArrivalTimestamps { get; set; }
}
