namespace Telepath.Load;

/// <summary>
/// The coalescing windows of the generator's own epoll threads (see Telepath:Rtp:CoalesceWindow), in microseconds:
/// the phones' reader from <c>TELEPATH_LOAD_PHONE_COALESCE_US</c> (default 1000), the probe agent from
/// <c>TELEPATH_LOAD_AGENT_COALESCE_US</c> (default 200); <c>loopback-floor</c>'s phones and agent take the same. The
/// phones stamp each arrival with the kernel's receive time, so their window never shifts a figure, only saves the
/// generator's CPU for the thing measured. The probe agent stamps in user space when it reads, so its window is added
/// to caller → agent: charged to Telepath, never hidden.
/// </summary>
internal static class GeneratorCoalescing
{
    public static TimeSpan Phones { get; } = Read("TELEPATH_LOAD_PHONE_COALESCE_US", 1000);

    public static TimeSpan Agent { get; } = Read("TELEPATH_LOAD_AGENT_COALESCE_US", 200);

    private static TimeSpan Read(string variable, int fallback) =>
        TimeSpan.FromMicroseconds(int.TryParse(Environment.GetEnvironmentVariable(variable), out int microseconds) && microseconds >= 0 ? microseconds : fallback);
}
