namespace Telepath.Media.Sip.Auth;

/// <summary>
/// Bounded memory of the highest nonce-count seen per nonce (RFC 7616 §3.4: nc must increase). When full, the
/// longest-held entries are evicted and the issue time of the newest evicted nonce becomes a watermark: any unknown
/// nonce issued at or before it may be an evicted one, so it is reported <see cref="NonceCountOutcome.Forgotten"/>
/// and the client gets a fresh nonce. Replays are therefore always caught, at the price of a rare extra challenge.
/// Thread-safe: one instance serves all calls of a silo; the lock guards only dictionary work, never a call-out.
/// </summary>
internal sealed class NonceReplayCache
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _order = new();
    private readonly int _capacity;
    private long _evictedWatermarkTicks = long.MinValue;

    public NonceReplayCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>Number of nonces currently remembered.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Records <paramref name="nonceCount"/> for a nonce whose MAC and freshness were already checked.</summary>
    public NonceCountOutcome Record(string nonce, long issuedAtTicks, uint nonceCount, long expiredBeforeTicks)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(nonce, out var node))
            {
                if (nonceCount <= node.Value.HighestCount)
                {
                    return NonceCountOutcome.Replay;
                }

                node.Value = node.Value with { HighestCount = nonceCount };
                return NonceCountOutcome.Accepted;
            }

            if (issuedAtTicks <= _evictedWatermarkTicks)
            {
                return NonceCountOutcome.Forgotten;
            }

            DropExpired(expiredBeforeTicks);
            if (_entries.Count >= _capacity)
            {
                EvictOldest();
            }

            _entries.Add(nonce, _order.AddLast(new Entry(nonce, issuedAtTicks, nonceCount)));
            return NonceCountOutcome.Accepted;
        }
    }

    /// <summary>Entries of expired nonces can go without a watermark: the expiry check rejects those nonces anyway.</summary>
    private void DropExpired(long expiredBeforeTicks)
    {
        while (_order.First is { } first && first.Value.IssuedAtTicks < expiredBeforeTicks)
        {
            _order.RemoveFirst();
            _entries.Remove(first.Value.Nonce);
        }
    }

    private void EvictOldest()
    {
        var first = _order.First!;
        _order.RemoveFirst();
        _entries.Remove(first.Value.Nonce);
        _evictedWatermarkTicks = Math.Max(_evictedWatermarkTicks, first.Value.IssuedAtTicks);
    }

    private readonly record struct Entry(string Nonce, long IssuedAtTicks, uint HighestCount);
}
