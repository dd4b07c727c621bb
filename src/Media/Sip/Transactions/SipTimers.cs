namespace Telepath.Media.Sip.Transactions;

/// <summary>The RFC 3261 §17 base timer values and the timers derived from them (table 4 of §A).</summary>
/// <param name="T1">RTT estimate, default 500 ms.</param>
/// <param name="T2">Longest retransmit interval for non-INVITE requests and INVITE responses, default 4 s.</param>
/// <param name="T4">Longest time a message stays in the network, default 5 s.</param>
internal sealed record SipTimers(TimeSpan T1, TimeSpan T2, TimeSpan T4)
{
    /// <summary>Gets the RFC defaults (500 ms, 4 s, 5 s).</summary>
    public static SipTimers Default { get; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5));

    /// <summary>Gets 64·T1: Timers B, F, H, J and L (RFC 3261 §17, RFC 6026 §8.4).</summary>
    public TimeSpan TransactionTimeout => T1 * 64;

    /// <summary>Doubles a retransmit interval, capped at T2 (RFC 3261 §17.1.2.2, §17.2.1).</summary>
    public TimeSpan Backoff(TimeSpan interval) => interval * 2 < T2 ? interval * 2 : T2;
}
