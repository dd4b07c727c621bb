namespace Telepath.Media.Timing;

/// <summary>
/// Identifies one scheduled timer of a <see cref="TimerWheel"/>. The generation makes a stale handle harmless:
/// once its entry fired or was cancelled and reused, cancelling the old handle does nothing.
/// </summary>
/// <param name="Index">The pooled entry's index.</param>
/// <param name="Generation">The entry's generation when the timer was scheduled (never 0 for a real timer).</param>
internal readonly record struct TimerHandle(int Index, int Generation)
{
    /// <summary>Gets a value indicating whether this handle came from a schedule call (default handles are not).</summary>
    public bool IsAllocated => Generation != 0;
}
