namespace Telepath.Grains.Accounts;

/// <summary>
/// A request budget over fixed one-minute windows aligned to the Unix minute, so <c>X-RateLimit-Reset</c> is the same
/// instant for every silo and client. Lives in one grain activation: no locking, no persistence (a lost count can
/// only be lost together with an idle activation, by which time its window has ended).
/// </summary>
internal struct FixedWindowCounter
{
    private const long WindowSeconds = 60;
    private long _windowStart;
    private int _count;

    /// <summary>End of the window that contains <paramref name="now"/>, in Unix seconds.</summary>
    public static long WindowEnd(DateTimeOffset now) => (now.ToUnixTimeSeconds() / WindowSeconds + 1) * WindowSeconds;

    /// <summary>Requests left in the window containing <paramref name="now"/>.</summary>
    public int Remaining(DateTimeOffset now, int limit)
    {
        Roll(now);
        return Math.Max(0, limit - _count);
    }

    /// <summary>Takes one request from the budget; call only after <see cref="Remaining"/> said there is one.</summary>
    public void Take(DateTimeOffset now)
    {
        Roll(now);
        _count++;
    }

    private void Roll(DateTimeOffset now)
    {
        var start = now.ToUnixTimeSeconds() / WindowSeconds * WindowSeconds;
        if (start != _windowStart)
        {
            _windowStart = start;
            _count = 0;
        }
    }
}
