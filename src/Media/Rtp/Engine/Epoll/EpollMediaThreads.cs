using Microsoft.Extensions.Logging;

namespace Telepath.Media.Rtp.Engine.Epoll;

/// <summary>
/// The engine's epoll media threads, one per core by default. Each new stream or agent connection takes the next loop
/// in turn, which spreads calls evenly because calls come and go at about the same rate on every loop.
/// </summary>
internal sealed class EpollMediaThreads : IDisposable
{
    private readonly EpollMediaThread[] _loops;
    private int _next = -1;

    private EpollMediaThreads(EpollMediaThread[] loops)
    {
        _loops = loops;
    }

    /// <summary>Gets the number of threads.</summary>
    public int Count => _loops.Length;

    /// <summary>Creates <paramref name="threads"/> loops where epoll is available.</summary>
    /// <param name="threads">How many threads.</param>
    /// <param name="realtime">Whether and how the threads ask for real-time scheduling.</param>
    /// <param name="coalescing">When and how long a thread sleeps after a batch instead of waiting for the next arrival.</param>
    /// <param name="logger">Where handler failures are logged.</param>
    /// <returns>Null on other platforms or when an epoll set cannot be created; the engine then uses socket async receives.</returns>
    public static EpollMediaThreads? TryCreate(int threads, RealtimeMediaThreads realtime, MediaThreadCoalescing coalescing, ILogger logger)
    {
        var loops = new EpollMediaThread[Math.Max(1, threads)];
        for (int i = 0; i < loops.Length; i++)
        {
            if (EpollMediaThread.TryCreate(i, realtime, coalescing, logger) is not { } loop)
            {
                Array.ForEach(loops[..i], created => created.Dispose());
                return null;
            }

            loops[i] = loop;
        }

        return new EpollMediaThreads(loops);
    }

    /// <summary>Gets how many coalescing windows the threads have slept out between them (<see cref="EpollMediaThread.CoalescedSleeps"/>).</summary>
    public long CoalescedSleeps => _loops.Sum(loop => loop.CoalescedSleeps);

    /// <summary>Gets how many times the threads have yielded their cores after a slice of continuous running (<see cref="EpollMediaThread.Yields"/>).</summary>
    public long Yields => _loops.Sum(loop => loop.Yields);

    /// <summary>Gets each thread's busy share over its last epoch (<see cref="EpollMediaThread.BusyFraction"/>).</summary>
    public double[] BusyFractions() => Array.ConvertAll(_loops, loop => loop.BusyFraction);

    /// <summary>The loop the next stream or connection registers with.</summary>
    public EpollMediaThread Next() => _loops[(int)((uint)Interlocked.Increment(ref _next) % (uint)_loops.Length)];

    /// <summary>Stops every thread.</summary>
    public void Dispose()
    {
        foreach (EpollMediaThread loop in _loops)
        {
            loop.Dispose();
        }
    }
}
