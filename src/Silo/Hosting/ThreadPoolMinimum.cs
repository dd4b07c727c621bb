namespace Telepath.Silo.Hosting;

/// <summary>Raises the thread pool's minimum worker threads (never lowers it): see <c>TelepathOptions.MinWorkerThreads</c>.</summary>
internal static class ThreadPoolMinimum
{
    /// <summary>Makes at least <paramref name="workers"/> worker threads available without the pool's injection delay.</summary>
    public static void Apply(int workers)
    {
        ThreadPool.GetMinThreads(out int currentWorkers, out int completionPorts);
        if (workers > currentWorkers)
        {
            ThreadPool.SetMinThreads(workers, completionPorts);
        }
    }
}
