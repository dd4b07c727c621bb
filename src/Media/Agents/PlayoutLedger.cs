namespace Telepath.Media.Agents;

/// <summary>
/// Counts agent audio produced versus played to the caller (in carrier bytes, 8 per ms) and holds named marks at
/// positions in that stream. Shared by the receive loop and the bridge's <c>MarkPlayed</c>, hence the lock, which
/// is never held while calling out.
/// </summary>
internal sealed class PlayoutLedger
{
    private readonly Lock _lock = new();
    private readonly Queue<(long Position, string Name)> _marks = new();
    private long _generated;
    private long _played;

    /// <summary>Gets the bytes produced by the agent and not yet played.</summary>
    public long Pending
    {
        get
        {
            lock (_lock)
            {
                return _generated - _played;
            }
        }
    }

    /// <summary>Records agent audio handed to the bridge.</summary>
    public void AddGenerated(int byteCount)
    {
        lock (_lock)
        {
            _generated += byteCount;
        }
    }

    /// <summary>Records played audio, clamped to what was produced (bytes reported after a flush are ignored).</summary>
    public void AddPlayed(int byteCount)
    {
        lock (_lock)
        {
            _played = Math.Min(_played + byteCount, _generated);
        }
    }

    /// <summary>Places a mark after all audio produced so far.</summary>
    public void AddMark(string name)
    {
        lock (_lock)
        {
            _marks.Enqueue((_generated, name));
        }
    }

    /// <summary>Takes the oldest mark whose audio has all been played, if any.</summary>
    public bool TryTakeReachedMark(out string name)
    {
        lock (_lock)
        {
            if (_marks.TryPeek(out (long Position, string Name) head) && head.Position <= _played)
            {
                _marks.Dequeue();
                name = head.Name;
                return true;
            }
        }

        name = string.Empty;
        return false;
    }

    /// <summary>Forgets unplayed audio (barge-in flush): every pending mark becomes reached.</summary>
    public void Flush()
    {
        lock (_lock)
        {
            _generated = _played;
            int count = _marks.Count;
            for (int i = 0; i < count; i++)
            {
                (long _, string name) = _marks.Dequeue();
                _marks.Enqueue((_played, name));
            }
        }
    }
}
