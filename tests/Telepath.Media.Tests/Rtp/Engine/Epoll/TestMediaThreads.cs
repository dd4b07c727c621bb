using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Media.Rtp.Engine;
using Telepath.Media.Rtp.Engine.Epoll;

namespace Telepath.Media.Tests.Rtp.Engine.Epoll;

/// <summary>The engine's epoll media threads for a test, at normal priority (tests need not be real-time).</summary>
internal static class TestMediaThreads
{
    /// <summary>Starts <paramref name="threads"/> media threads; the caller disposes them.</summary>
    /// <remarks>The threads exist on Linux, where Telepath runs (as KernelArrivalClockTests assume too).</remarks>
    public static EpollMediaThreads Create(int threads) =>
        EpollMediaThreads.TryCreate(threads, new RealtimeMediaThreads(false, NullLogger.Instance), MediaThreadCoalescing.Never, NullLogger.Instance)
        ?? throw new InvalidOperationException("epoll is not available here");
}
