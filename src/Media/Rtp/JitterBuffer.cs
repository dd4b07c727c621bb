namespace Telepath.Media.Rtp;

/// <summary>
/// A latency-first adaptive jitter buffer for one RTP stream, owned by a single thread (the call's loop).
/// </summary>
/// <remarks>
/// <para>Policy: a packet that is next in sequence is released at once, so a clean stream gains no delay.
/// Packets that arrive ahead of a missing one are held and released in order. A gap is waited for at most
/// <see cref="TargetDelay"/>, measured from the arrival of the first packet held behind it; then it is skipped
/// and counted as lost, and the next frame reports <see cref="JitterBufferFrame.LostBefore"/> for concealment.</para>
/// <para>The target adapts to the interarrival jitter estimate of RFC 3550 A.8 (three times the estimate,
/// clamped to [minDelay, maxDelay]), so a jittery path waits longer for reordered packets and a clean one
/// hardly waits at all.</para>
/// <para>Storage is a fixed ring of <c>capacity</c> slots with preallocated payload space: no allocation
/// after construction. Sequence numbers are extended to 64 bits internally so wrap-around at 65535 is
/// seamless; timestamps are only compared as 32-bit differences, so their wrap is harmless too.</para>
/// </remarks>
internal sealed class JitterBuffer
{
    private const double JitterMultiplier = 3;

    private readonly long _frequency;
    private readonly int _clockRate;
    private readonly int _capacity;
    private readonly int _mask;
    private readonly int _maxPayload;
    private readonly long _minDelayTicks;
    private readonly long _maxDelayTicks;
    private readonly byte[] _payloads;
    private readonly long[] _sequences;
    private readonly SlotState[] _states;
    private readonly int[] _lengths;
    private readonly uint[] _timestamps;
    private readonly long[] _arrivals;
    private readonly byte[] _payloadTypes;
    private readonly bool[] _markers;

    private bool _started;
    private long _next;
    private long _highest;
    private int _held;
    private bool _gapStartKnown;
    private long _gapStart;
    private int _pendingJump = -1;
    private bool _haveTransit;
    private uint _lastTransit;
    private double _jitter;

    private long _accepted;
    private long _released;
    private long _reordered;
    private long _duplicates;
    private long _late;
    private long _lost;
    private long _dropped;
    private int _restarts;

    /// <summary>Creates a jitter buffer.</summary>
    /// <param name="timeProvider">Source of the timestamp frequency used for arrival times.</param>
    /// <param name="clockRate">RTP clock rate of the stream in Hz.</param>
    /// <param name="capacity">Number of slots (a power of two); also the largest reorder distance held.</param>
    /// <param name="maxPayloadBytes">Largest payload a slot holds.</param>
    /// <param name="minDelay">Lower bound of the adaptive gap wait.</param>
    /// <param name="maxDelay">Upper bound of the adaptive gap wait.</param>
    public JitterBuffer(
        TimeProvider timeProvider,
        int clockRate = 8000,
        int capacity = 64,
        int maxPayloadBytes = 480,
        TimeSpan minDelay = default,
        TimeSpan? maxDelay = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(clockRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPayloadBytes, 1);
        if (!int.IsPow2(capacity))
        {
            throw new ArgumentException("Capacity must be a power of two.", nameof(capacity));
        }

        TimeSpan upper = maxDelay ?? TimeSpan.FromMilliseconds(60);
        ArgumentOutOfRangeException.ThrowIfLessThan(minDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(upper, minDelay, nameof(maxDelay));

        _frequency = timeProvider.TimestampFrequency;
        _clockRate = clockRate;
        _capacity = capacity;
        _mask = capacity - 1;
        _maxPayload = maxPayloadBytes;
        _minDelayTicks = ToTicks(minDelay);
        _maxDelayTicks = ToTicks(upper);
        _payloads = new byte[capacity * maxPayloadBytes];
        _sequences = new long[capacity];
        _states = new SlotState[capacity];
        _lengths = new int[capacity];
        _timestamps = new uint[capacity];
        _arrivals = new long[capacity];
        _payloadTypes = new byte[capacity];
        _markers = new bool[capacity];
    }

    private enum SlotState : byte
    {
        Empty,
        Held,
        Released,
    }

    /// <summary>Gets the number of packets currently held.</summary>
    public int Count => _held;

    /// <summary>Gets the interarrival jitter estimate (RFC 3550 A.8) in timestamp units.</summary>
    public double Jitter => _jitter;

    /// <summary>Gets the current adaptive wait for a missing packet.</summary>
    public TimeSpan TargetDelay => TimeSpan.FromSeconds((double)TargetDelayTicks / _frequency);

    /// <summary>Gets a snapshot of the counters.</summary>
    public JitterBufferStatistics Statistics =>
        new(_accepted, _released, _reordered, _duplicates, _late, _lost, _dropped, _restarts);

    private long TargetDelayTicks
    {
        get
        {
            long ticks = (long)(JitterMultiplier * _jitter / _clockRate * _frequency);
            return Math.Clamp(ticks, _minDelayTicks, _maxDelayTicks);
        }
    }

    /// <summary>Offers a received packet, using the fields of a parsed header.</summary>
    public JitterBufferPushResult Push(scoped in RtpHeader header, long arrivalTimestamp) =>
        Push(header.Payload, header.SequenceNumber, header.Timestamp, header.PayloadType, header.Marker, arrivalTimestamp);

    /// <summary>Offers a received packet.</summary>
    /// <param name="payload">The RTP payload; copied into a slot.</param>
    /// <param name="sequenceNumber">RTP sequence number.</param>
    /// <param name="timestamp">RTP timestamp.</param>
    /// <param name="payloadType">RTP payload type.</param>
    /// <param name="marker">RTP marker bit.</param>
    /// <param name="arrivalTimestamp">Arrival time from <see cref="TimeProvider.GetTimestamp"/>.</param>
    public JitterBufferPushResult Push(
        ReadOnlySpan<byte> payload, ushort sequenceNumber, uint timestamp, byte payloadType, bool marker, long arrivalTimestamp)
    {
        if (payload.Length > _maxPayload)
        {
            _dropped++;
            return JitterBufferPushResult.TooLarge;
        }

        JitterBufferPushResult result = JitterBufferPushResult.Accepted;
        if (!_started)
        {
            _started = true;
            _next = sequenceNumber;
            _highest = sequenceNumber - 1;
        }

        long extended = _next + (short)(ushort)(sequenceNumber - (ushort)_next);
        long ahead = extended - _next;
        if (ahead >= SequenceTracker.MaxDropout || ahead < -SequenceTracker.MaxMisorder - _capacity)
        {
            // RFC 3550 A.1: believe a large jump only when the following packet continues it.
            if (_pendingJump != (ushort)(sequenceNumber - 1))
            {
                _pendingJump = sequenceNumber;
                _dropped++;
                return JitterBufferPushResult.BadJump;
            }

            Restart(extended);
            result = JitterBufferPushResult.Restarted;
        }

        _pendingJump = -1;
        int slot = (int)(extended & _mask);
        bool seen = _states[slot] != SlotState.Empty && _sequences[slot] == extended;
        if (extended < _next || (seen && _states[slot] == SlotState.Held))
        {
            // Behind the release point: a duplicate if its slot still remembers it, otherwise it was skipped as lost.
            if (seen)
            {
                _duplicates++;
                return JitterBufferPushResult.Duplicate;
            }

            _late++;
            return JitterBufferPushResult.Late;
        }

        Store(extended, payload, timestamp, payloadType, marker, arrivalTimestamp);
        return result;
    }

    /// <summary>
    /// Releases the next packet in sequence if it is here, or skips a gap whose wait has expired.
    /// Call after every push and when the deadline from <see cref="TryGetDeadline"/> passes.
    /// </summary>
    /// <param name="now">Current time from <see cref="TimeProvider.GetTimestamp"/>.</param>
    /// <param name="destination">Receives the payload; must hold the largest payload.</param>
    /// <param name="frame">Describes the released packet.</param>
    /// <returns>True when a packet was released.</returns>
    public bool TryPop(long now, Span<byte> destination, out JitterBufferFrame frame)
    {
        frame = default;
        if (_held == 0)
        {
            return false;
        }

        int slot = (int)(_next & _mask);
        int lostBefore = 0;
        if (!IsHeld(slot, _next))
        {
            if (now - GapStart() < TargetDelayTicks)
            {
                return false;
            }

            long first = _next + 1;
            while (!IsHeld((int)(first & _mask), first))
            {
                first++;
            }

            lostBefore = (int)(first - _next);
            _lost += lostBefore;
            _next = first;
            slot = (int)(first & _mask);
        }

        int length = _lengths[slot];
        if (destination.Length < length)
        {
            ThrowDestinationTooSmall();
        }

        _payloads.AsSpan(slot * _maxPayload, length).CopyTo(destination);
        frame = new JitterBufferFrame(
            (ushort)_next, _timestamps[slot], _payloadTypes[slot], _markers[slot], length, lostBefore);
        _states[slot] = SlotState.Released;
        _held--;
        _released++;
        _next++;
        _gapStartKnown = false;
        return true;
    }

    /// <summary>
    /// Gets the time at which the current gap will be skipped, so the owner can arm one timer instead of polling.
    /// </summary>
    /// <returns>False when no packet is waiting behind a gap.</returns>
    public bool TryGetDeadline(out long deadline)
    {
        deadline = 0;
        if (_held == 0 || IsHeld((int)(_next & _mask), _next))
        {
            return false;
        }

        deadline = GapStart() + TargetDelayTicks;
        return true;
    }

    /// <summary>Discards everything held and forgets the sequence position (e.g. on re-INVITE or SSRC change).</summary>
    public void Reset()
    {
        Array.Clear(_states);
        _started = false;
        _held = 0;
        _gapStartKnown = false;
        _pendingJump = -1;
        _haveTransit = false;
        _jitter = 0;
    }

    private void Store(long extended, ReadOnlySpan<byte> payload, uint timestamp, byte payloadType, bool marker, long arrivalTimestamp)
    {
        if (extended >= _next + _capacity)
        {
            MakeRoomFor(extended);
        }

        if (extended != _next && _held == 0)
        {
            // The first packet held behind a gap: the wait for the gap starts now.
            _gapStartKnown = true;
            _gapStart = arrivalTimestamp;
        }

        if (extended < _highest)
        {
            _reordered++;
        }
        else
        {
            _highest = extended;
        }

        int slot = (int)(extended & _mask);
        payload.CopyTo(_payloads.AsSpan(slot * _maxPayload, _maxPayload));
        _sequences[slot] = extended;
        _states[slot] = SlotState.Held;
        _lengths[slot] = payload.Length;
        _timestamps[slot] = timestamp;
        _arrivals[slot] = arrivalTimestamp;
        _payloadTypes[slot] = payloadType;
        _markers[slot] = marker;
        _held++;
        _accepted++;
        UpdateJitter(timestamp, arrivalTimestamp);
    }

    private bool IsHeld(int slot, long extended) => _states[slot] == SlotState.Held && _sequences[slot] == extended;

    private long GapStart()
    {
        if (!_gapStartKnown)
        {
            // The earliest arrival among the packets held behind the gap.
            long earliest = long.MaxValue;
            for (long s = _next + 1; s <= _highest; s++)
            {
                int slot = (int)(s & _mask);
                if (IsHeld(slot, s) && _arrivals[slot] < earliest)
                {
                    earliest = _arrivals[slot];
                }
            }

            _gapStart = earliest;
            _gapStartKnown = true;
        }

        return _gapStart;
    }

    private void MakeRoomFor(long extended)
    {
        // The owner stopped popping or the sender jumped forward: drop what no longer fits and count the holes as lost.
        long newNext = extended - _capacity + 1;
        for (long s = _next; s < newNext && s <= _highest; s++)
        {
            int slot = (int)(s & _mask);
            if (IsHeld(slot, s))
            {
                _states[slot] = SlotState.Empty;
                _held--;
                _dropped++;
            }
            else
            {
                _lost++;
            }
        }

        if (newNext > _highest + 1)
        {
            _lost += newNext - Math.Max(_next, _highest + 1);
        }

        _next = newNext;
        _gapStartKnown = false;
    }

    private void Restart(long extended)
    {
        Array.Clear(_states);
        _dropped += _held;
        _held = 0;
        _next = extended;
        _highest = extended - 1;
        _gapStartKnown = false;
        _haveTransit = false;
        _restarts++;
    }

    private void UpdateJitter(uint timestamp, long arrivalTimestamp)
    {
        // RFC 3550 A.8: transit = arrival (in timestamp units) − RTP timestamp; J += (|D| − J) / 16.
        var arrival = (uint)(long)((Int128)arrivalTimestamp * _clockRate / _frequency);
        uint transit = arrival - timestamp;
        if (_haveTransit)
        {
            int d = (int)(transit - _lastTransit);
            _jitter += (Math.Abs((double)d) - _jitter) / 16;
        }

        _lastTransit = transit;
        _haveTransit = true;
    }

    private long ToTicks(TimeSpan value) => (long)(value.TotalSeconds * _frequency);

    private static void ThrowDestinationTooSmall() =>
        throw new ArgumentException("Destination is shorter than the held payload.", "destination");
}
