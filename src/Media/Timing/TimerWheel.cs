namespace Telepath.Media.Timing;

/// <summary>
/// A hashed timer wheel for many coarse timers (SIP timers A–K, media timeouts): scheduling and cancelling
/// are O(1), and the driver's <see cref="Advance(long)"/> touches only the slots that passed.
/// </summary>
/// <remarks>
/// <para>Any thread may schedule or cancel; one driver loop calls <see cref="Advance(long)"/>, and callbacks
/// run on that thread, outside the lock, in due-time order. A timer never fires early: its due time is
/// rounded up to the next tick. Timers further out than one rotation stay in their slot and are skipped
/// until their rotation comes.</para>
/// <para>Entries are pooled in arrays with an index-linked free list, and callbacks are a static delegate plus
/// a state object, so steady-state scheduling allocates nothing.</para>
/// </remarks>
internal sealed class TimerWheel
{
    private const int InsertionSortLimit = 256;

    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly long _origin;
    private readonly long _tickTicks;
    private readonly int _slotMask;
    private readonly int[] _slotHeads;
    private Entry[] _entries;
    private Expired[] _expired;
    private int _freeHead = -1;
    private int _used;
    private long _currentTick;
    private long _sequence;
    private int _count;

    /// <summary>Creates a wheel.</summary>
    /// <param name="timeProvider">Monotonic time source.</param>
    /// <param name="tick">Resolution; 10 ms by default.</param>
    /// <param name="slots">Slots per rotation (a power of two); 512 × 10 ms ≈ 5 s per rotation.</param>
    /// <param name="initialCapacity">Entries preallocated; the pool doubles if exceeded.</param>
    public TimerWheel(TimeProvider timeProvider, TimeSpan? tick = null, int slots = 512, int initialCapacity = 1024)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (!int.IsPow2(slots))
        {
            throw new ArgumentException("Slot count must be a power of two.", nameof(slots));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 1);
        TimeSpan resolution = tick ?? TimeSpan.FromMilliseconds(10);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(resolution, TimeSpan.Zero, nameof(tick));

        _timeProvider = timeProvider;
        _origin = timeProvider.GetTimestamp();
        _tickTicks = Math.Max(1, (long)(resolution.TotalSeconds * timeProvider.TimestampFrequency));
        _slotMask = slots - 1;
        _slotHeads = new int[slots];
        Array.Fill(_slotHeads, -1);
        _entries = new Entry[initialCapacity];
        _expired = new Expired[64];
        Tick = resolution;
    }

    /// <summary>Gets the wheel's resolution.</summary>
    public TimeSpan Tick { get; }

    /// <summary>Gets the number of pending timers.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Schedules <paramref name="callback"/> to run <paramref name="delay"/> from now.</summary>
    public TimerHandle Schedule(TimeSpan delay, Action<object?> callback, object? state) =>
        ScheduleAt(_timeProvider.GetTimestamp() + (long)(delay.TotalSeconds * _timeProvider.TimestampFrequency), callback, state);

    /// <summary>Schedules <paramref name="callback"/> at a <see cref="TimeProvider.GetTimestamp"/> value.</summary>
    /// <param name="dueTimestamp">When to fire; a time in the past fires on the next advance.</param>
    /// <param name="callback">A static delegate (no captures), invoked with <paramref name="state"/>.</param>
    /// <param name="state">The callback's argument.</param>
    public TimerHandle ScheduleAt(long dueTimestamp, Action<object?> callback, object? state)
    {
        ArgumentNullException.ThrowIfNull(callback);

        // Round up so that a timer never fires before its due time.
        long dueTick = DivideCeiling(dueTimestamp - _origin, _tickTicks);
        lock (_gate)
        {
            if (dueTick <= _currentTick)
            {
                dueTick = _currentTick + 1;
            }

            int index = Allocate();
            ref Entry entry = ref _entries[index];
            entry.DueTick = dueTick;
            entry.DueTimestamp = dueTimestamp;
            entry.Sequence = _sequence++;
            entry.Callback = callback;
            entry.State = state;
            Link(index, (int)(dueTick & _slotMask));
            _count++;
            return new TimerHandle(index, entry.Generation);
        }
    }

    /// <summary>Cancels a pending timer.</summary>
    /// <returns>True if it was pending; false if it already fired, was cancelled, or the handle is stale.</returns>
    public bool Cancel(TimerHandle handle)
    {
        lock (_gate)
        {
            if (!handle.IsAllocated || (uint)handle.Index >= (uint)_used)
            {
                return false;
            }

            ref Entry entry = ref _entries[handle.Index];
            if (entry.Generation != handle.Generation || entry.Callback is null)
            {
                return false;
            }

            Unlink(handle.Index);
            Free(handle.Index);
            _count--;
            return true;
        }
    }

    /// <summary>Advances to the provider's current time and runs the callbacks that fell due.</summary>
    public int Advance() => Advance(_timeProvider.GetTimestamp());

    /// <summary>Advances to <paramref name="now"/> and runs the callbacks that fell due, in due order.</summary>
    /// <returns>The number of callbacks run.</returns>
    public int Advance(long now)
    {
        int fired = CollectExpired(now);
        Span<Expired> batch = _expired.AsSpan(0, fired);
        SortByDue(batch);
        for (int i = 0; i < batch.Length; i++)
        {
            Action<object?> callback = batch[i].Callback!;
            object? state = batch[i].State;
            batch[i] = default;
            callback(state);
        }

        return fired;
    }

    private int CollectExpired(long now)
    {
        long nowTick = (now - _origin) / _tickTicks;
        int fired = 0;
        lock (_gate)
        {
            if (nowTick <= _currentTick)
            {
                return 0;
            }

            // After a long stall, one pass over every slot finds everything due.
            long first = _currentTick + 1;
            long last = Math.Min(nowTick, _currentTick + _slotHeads.Length);
            for (long tick = first; tick <= last; tick++)
            {
                int index = _slotHeads[(int)(tick & _slotMask)];
                while (index >= 0)
                {
                    ref Entry entry = ref _entries[index];
                    int next = entry.Next;
                    if (entry.DueTick <= nowTick)
                    {
                        if (fired == _expired.Length)
                        {
                            Array.Resize(ref _expired, fired * 2);
                        }

                        _expired[fired++] = new Expired(entry.DueTimestamp, entry.Sequence, entry.Callback, entry.State);
                        Unlink(index);
                        Free(index);
                        _count--;
                    }

                    index = next;
                }
            }

            _currentTick = nowTick;
        }

        return fired;
    }

    private int Allocate()
    {
        int index;
        if (_freeHead >= 0)
        {
            index = _freeHead;
            _freeHead = _entries[index].Next;
        }
        else
        {
            if (_used == _entries.Length)
            {
                Array.Resize(ref _entries, _entries.Length * 2);
            }

            index = _used++;
        }

        ref Entry entry = ref _entries[index];
        entry.Generation = entry.Generation == int.MaxValue ? 1 : entry.Generation + 1;
        return index;
    }

    private void Free(int index)
    {
        ref Entry entry = ref _entries[index];
        entry.Callback = null;
        entry.State = null;
        entry.Next = _freeHead;
        entry.Previous = -1;
        _freeHead = index;
    }

    private void Link(int index, int slot)
    {
        ref Entry entry = ref _entries[index];
        entry.Slot = slot;
        entry.Previous = -1;
        entry.Next = _slotHeads[slot];
        if (entry.Next >= 0)
        {
            _entries[entry.Next].Previous = index;
        }

        _slotHeads[slot] = index;
    }

    private void Unlink(int index)
    {
        ref Entry entry = ref _entries[index];
        if (entry.Previous >= 0)
        {
            _entries[entry.Previous].Next = entry.Next;
        }
        else
        {
            _slotHeads[entry.Slot] = entry.Next;
        }

        if (entry.Next >= 0)
        {
            _entries[entry.Next].Previous = entry.Previous;
        }
    }

    /// <summary>
    /// Insertion sort by (due time, schedule order). Batches arrive almost sorted because slots are walked in
    /// tick order, so this is close to linear; unlike Span.Sort with a comparer it never boxes or allocates.
    /// Large batches fall back to Span.Sort.
    /// </summary>
    private static void SortByDue(Span<Expired> batch)
    {
        if (batch.Length > InsertionSortLimit)
        {
            // Rare (a stalled driver or a burst of expiries): accept the comparer allocation over quadratic time.
            batch.Sort(static (x, y) => IsAfter(x, y) ? 1 : IsAfter(y, x) ? -1 : 0);
            return;
        }

        for (int i = 1; i < batch.Length; i++)
        {
            Expired item = batch[i];
            int j = i - 1;
            while (j >= 0 && IsAfter(batch[j], item))
            {
                batch[j + 1] = batch[j];
                j--;
            }

            batch[j + 1] = item;
        }
    }

    private static bool IsAfter(in Expired x, in Expired y) =>
        x.DueTimestamp > y.DueTimestamp || (x.DueTimestamp == y.DueTimestamp && x.Sequence > y.Sequence);

    private static long DivideCeiling(long value, long divisor) =>
        value <= 0 ? 0 : ((value - 1) / divisor) + 1;

    private struct Entry
    {
        public long DueTick;
        public long DueTimestamp;
        public long Sequence;
        public Action<object?>? Callback;
        public object? State;
        public int Generation;
        public int Slot;
        public int Next;
        public int Previous;
    }

    private readonly record struct Expired(long DueTimestamp, long Sequence, Action<object?>? Callback, object? State);
}
