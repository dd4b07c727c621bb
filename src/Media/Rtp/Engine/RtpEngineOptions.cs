using System.Net;

namespace Telepath.Media.Rtp.Engine;

/// <summary>Settings of the silo's <see cref="RtpEngine"/>.</summary>
internal sealed class RtpEngineOptions
{
    /// <summary>Gets or sets the local address the RTP/RTCP sockets bind to.</summary>
    public IPAddress BindAddress { get; set; } = IPAddress.Loopback;

    /// <summary>Gets or sets the lowest port of the media range (rounded up to even).</summary>
    public int FirstPort { get; set; } = 20000;

    /// <summary>Gets or sets the highest port of the media range.</summary>
    public int LastPort { get; set; } = 29999;

    /// <summary>Gets or sets how long a stream may go without RTP before <see cref="IRtpStreamConsumer.OnTimeout"/>; zero disables it.</summary>
    public TimeSpan MediaTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the mean RTCP report interval (RFC 3550 §6.2 suggests 5 s); zero disables RTCP sending.</summary>
    public TimeSpan RtcpInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the lower bound of the jitter buffer's adaptive gap wait.</summary>
    public TimeSpan JitterBufferMinDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Gets or sets the upper bound of the jitter buffer's adaptive gap wait.</summary>
    public TimeSpan JitterBufferMaxDelay { get; set; } = TimeSpan.FromMilliseconds(60);

    /// <summary>Gets or sets the longest sleep of the single pacing driver thread; it wakes sooner when a stream's frame falls due (frames are due every 20 ms).</summary>
    public TimeSpan PacingTick { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Gets or sets how many consecutive packets with the latched SSRC a new source address must send,
    /// after the latched source fell quiet, before the stream re-latches to it (the hijack guard).
    /// </summary>
    public int RelatchPackets { get; set; } = 5;

    /// <summary>Gets or sets how long the latched source must be silent before another address may take over.</summary>
    public TimeSpan RelatchQuietPeriod { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets or sets the outgoing backlog per stream in 20 ms frames (250 = 5 s of agent audio).</summary>
    public int PacerCapacityFrames { get; set; } = 250;

    /// <summary>
    /// Gets or sets a value indicating whether media runs on the engine's epoll threads (Linux) rather than on .NET
    /// socket async operations completed on the thread pool (see <see cref="RtpEngine"/>); ignored where epoll is
    /// missing. Off here (tests and tools that build options by hand); the silo's configuration turns it on by default.
    /// </summary>
    public bool EpollReceive { get; set; }

    /// <summary>Gets or sets the number of epoll media threads with <see cref="EpollReceive"/>; 0 (the default) is one per core.</summary>
    public int ReceiveThreads { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the media threads (epoll receive, pacer) ask for real-time scheduling
    /// (<see cref="RealtimeMediaThreads"/>). On by default; without the permission they stay as they are.
    /// </summary>
    public bool RealtimeThreads { get; set; } = true;

    /// <summary>
    /// Gets or sets how long an epoll media thread sleeps after a batch before looking again (see
    /// <see cref="Hosting.RtpOptions.CoalesceWindow"/>). Zero (the default): every arrival handled at once.
    /// </summary>
    public TimeSpan CoalesceWindow { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether receive latency counts from the kernel's receive time of each datagram
    /// (Linux <c>SIOCGSTAMP</c>, one extra system call per datagram) rather than from when our code got it. Off by
    /// default; the benchmarks turn it on to show the time a datagram waits in its socket for a thread.
    /// </summary>
    public bool KernelArrivalTimestamps { get; set; }

    /// <summary>Gets or sets the socket receive buffer size per RTP socket in bytes.</summary>
    public int SocketReceiveBufferBytes { get; set; } = 128 * 1024;
}
