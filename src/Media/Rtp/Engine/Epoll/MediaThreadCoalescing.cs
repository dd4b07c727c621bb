namespace Telepath.Media.Rtp.Engine.Epoll;

/// <summary>
/// When an <see cref="EpollMediaThread"/> coalesces its wake-ups: after handling a batch it sleeps for
/// <see cref="Window"/> instead of waiting on its epoll set, so that everything arriving meanwhile is taken in one go
/// and no sender has to wake it. It does so only while the share of its time spent handling reports is at least
/// <see cref="BusyFraction"/>; a lightly loaded thread keeps waking at each arrival, which costs it little.
/// </summary>
/// <param name="Window">How long the thread sleeps after a batch; <see cref="TimeSpan.Zero"/> never coalesces.</param>
/// <param name="BusyFraction">The busy share (0–1) from which the thread coalesces; 0 coalesces always.</param>
internal readonly record struct MediaThreadCoalescing(TimeSpan Window, double BusyFraction)
{
    /// <summary>
    /// The engine's threshold: busy 30 % of the time, near 300 bridged calls on the 2-core development VM (100 calls
    /// read 12–18 %, 500 calls 41–50 %). Below it, wake-ups are cheap next to the spare CPU and latency comes first.
    /// </summary>
    public const double EngineBusyFraction = 0.3;

    /// <summary>Gets the policy that wakes at every arrival.</summary>
    public static MediaThreadCoalescing Never => default;

    /// <summary>Coalesces whenever <paramref name="window"/> is positive, however light the load.</summary>
    public static MediaThreadCoalescing Always(TimeSpan window) => new(window, 0);

    /// <summary>Coalesces for <paramref name="window"/> once the thread is busy <see cref="EngineBusyFraction"/> of the time.</summary>
    public static MediaThreadCoalescing WhenBusy(TimeSpan window) => new(window, EngineBusyFraction);
}
