namespace Telepath.Media.Agents.OpenAi;

/// <summary>
/// Follows assistant audio items through the bridge's playout queue, first in first out, so that on barge-in the
/// adapter knows which item the caller was hearing and for how long (research §1.7 step 1–2b).
/// Shared by the receive loop and the bridge's <c>MarkPlayed</c>; the lock is never held while calling out.
/// </summary>
internal sealed class AssistantPlayoutTracker
{
    private readonly Lock _lock = new();
    private readonly Queue<AssistantItemPlayout> _items = new();
    private AssistantItemPlayout? _tail;

    /// <summary>Records audio received for an item (a new item id starts a new entry).</summary>
    public void AddGenerated(ReadOnlySpan<byte> itemId, int byteCount)
    {
        lock (_lock)
        {
            if (_tail is null || !_tail.ItemIdUtf8.AsSpan().SequenceEqual(itemId))
            {
                _tail = new AssistantItemPlayout(itemId);
                _items.Enqueue(_tail);
            }

            _tail.Generated += byteCount;
        }
    }

    /// <summary>Records audio played to the caller, oldest item first; bytes beyond what was generated are ignored.</summary>
    public void AddPlayed(int byteCount)
    {
        lock (_lock)
        {
            long left = byteCount;
            while (left > 0 && _items.TryPeek(out AssistantItemPlayout? head))
            {
                long take = Math.Min(left, head.Generated - head.Played);
                head.Played += take;
                left -= take;
                if (head.Played < head.Generated || head == _tail)
                {
                    // Keep the newest item even when fully played: more deltas for it may still arrive.
                    break;
                }

                _items.Dequeue();
            }
        }
    }

    /// <summary>
    /// Takes the item to truncate on barge-in and forgets all queued audio (the bridge flushes its playout).
    /// The target is the oldest item with unheard audio, or the newest one while its response is still generating.
    /// </summary>
    /// <param name="responseActive">True when a response is still in progress.</param>
    /// <param name="itemId">The item to truncate.</param>
    /// <param name="audioEndMs">What the caller heard of it, in ms, clamped to what was generated.</param>
    public bool TryTakeTruncation(bool responseActive, out string itemId, out int audioEndMs)
    {
        lock (_lock)
        {
            AssistantItemPlayout? target = null;
            foreach (AssistantItemPlayout item in _items)
            {
                if (item.Played < item.Generated)
                {
                    target = item;
                    break;
                }
            }

            if (target is null && responseActive)
            {
                target = _tail;
            }

            _items.Clear();
            _tail = null;
            if (target is null)
            {
                itemId = string.Empty;
                audioEndMs = 0;
                return false;
            }

            itemId = target.ItemId;

            // G.711 at 8 kHz: 8 bytes per millisecond; round down so we never claim unheard audio.
            audioEndMs = (int)(Math.Min(target.Played, target.Generated) / 8);
            return true;
        }
    }
}
