namespace Telepath.Media.Rtp.Engine;

/// <summary>
/// Marks the engine's pacing thread, which serves every stream. Work for one call that can take a while, such as
/// writing a frame to the call's agent socket, must not run on it: at 500 calls one thread doing every call's agent
/// writes fell behind by seconds. The epoll media threads are not marked: each serves only its share of the calls
/// (one thread per core), and carrying a frame to the agent's socket on the thread that read it is their purpose.
/// </summary>
internal static class SharedMediaThread
{
    [ThreadStatic]
    private static bool t_isShared;

    /// <summary>Gets a value indicating whether the calling thread serves every stream.</summary>
    public static bool IsCurrent => t_isShared;

    /// <summary>Marks the calling thread as one that serves every stream (called once, as the thread starts).</summary>
    public static void MarkCurrent() => t_isShared = true;
}
