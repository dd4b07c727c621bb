using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Media.Rtp.Engine;
using Telepath.Media.Rtp.Engine.Epoll;

namespace Telepath.Load;

/// <summary>
/// The one real-time epoll thread that reads every simulated phone's socket (Linux), the engine's own
/// <see cref="EpollMediaThread"/>: phones are the far end, and with their reads on the thread pool the generator cost the
/// shared cores a hop and often a wake-up per packet, CPU the silo then did not have.
/// </summary>
internal static class PhoneReceiveThread
{
    private static readonly Lazy<EpollMediaThreads?> s_loops = new(
        () => EpollMediaThreads.TryCreate(1, new RealtimeMediaThreads(true, NullLogger.Instance), MediaThreadCoalescing.Always(GeneratorCoalescing.Phones), NullLogger.Instance));

    /// <summary>Gets the thread, or null where epoll is missing (the phones then receive with socket async operations).</summary>
    public static EpollMediaThread? Loop => s_loops.Value?.Next();
}
