namespace Telepath.Media.Rtp;

/// <summary>
/// Leases RTP/RTCP port pairs from a configured range, thread-safely. Ports are handed out in FIFO order
/// so a just-returned port is reused last, which keeps stray packets of an ended call away from a new one.
/// </summary>
/// <remarks>Binding is not done here: the socket layer binds the leased pair and returns it on failure.</remarks>
internal sealed class PortAllocator
{
    private readonly Lock _gate = new();
    private readonly int _first;
    private readonly int[] _free;
    private readonly bool[] _leased;
    private int _head;
    private int _count;
    private long _exhausted;

    /// <summary>Creates an allocator over [<paramref name="firstPort"/>, <paramref name="lastPort"/>].</summary>
    /// <param name="firstPort">Lowest port of the range; rounded up to even.</param>
    /// <param name="lastPort">Highest port of the range; the last pair must fit (its RTCP port ≤ this).</param>
    public PortAllocator(int firstPort, int lastPort)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstPort, 1024);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lastPort, 65535);
        _first = (firstPort + 1) & ~1;
        int pairs = (lastPort - _first + 1) / 2;
        if (pairs < 1)
        {
            throw new ArgumentException("The range must hold at least one even/odd port pair.", nameof(lastPort));
        }

        _free = new int[pairs];
        _leased = new bool[pairs];
        for (int i = 0; i < pairs; i++)
        {
            _free[i] = _first + (2 * i);
        }

        _count = pairs;
    }

    /// <summary>Gets the number of pairs in the range.</summary>
    public int Capacity => _free.Length;

    /// <summary>Gets the number of pairs free now.</summary>
    public int Available
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Gets how many lease attempts found the range exhausted.</summary>
    public long ExhaustedCount => Interlocked.Read(ref _exhausted);

    /// <summary>Leases the least recently used free pair.</summary>
    /// <returns>False when every pair is leased (the caller answers 503 / 488).</returns>
    public bool TryLease(out RtpPortPair pair)
    {
        lock (_gate)
        {
            if (_count == 0)
            {
                pair = default;
                _exhausted++;
                return false;
            }

            int port = _free[_head];
            _head = (_head + 1) % _free.Length;
            _count--;
            _leased[(port - _first) / 2] = true;
            pair = new RtpPortPair(port);
            return true;
        }
    }

    /// <summary>Returns a leased pair to the back of the free queue.</summary>
    /// <exception cref="InvalidOperationException">The pair is not currently leased (a double return is a bug).</exception>
    public void Return(RtpPortPair pair)
    {
        int index = (pair.Rtp - _first) / 2;
        lock (_gate)
        {
            if (pair.Rtp < _first || (pair.Rtp & 1) != 0 || index >= _leased.Length || !_leased[index])
            {
                throw new InvalidOperationException($"Port {pair.Rtp} is not leased from this allocator.");
            }

            _leased[index] = false;
            _free[(_head + _count) % _free.Length] = pair.Rtp;
            _count++;
        }
    }
}
