namespace Telepath.Media.Rtp;

/// <summary>
/// Tracks one source's RTP sequence numbers as RFC 3550 Appendix A.1 describes: 16-bit wrap-around into
/// an extended sequence number, probation of new sources, and re-synchronisation after large jumps.
/// In addition it detects duplicates among the last 64 sequence numbers.
/// </summary>
/// <remarks>
/// Unlike A.1, duplicates are not counted in <see cref="Received"/>, so the loss figure of A.3 does not go
/// negative merely because the network duplicated packets.
/// </remarks>
internal sealed class SequenceTracker
{
    /// <summary>RFC 3550 A.1: largest forward jump still treated as the same sequence space.</summary>
    public const int MaxDropout = 3000;

    /// <summary>RFC 3550 A.1: largest backward jump treated as reordering rather than a restart.</summary>
    public const int MaxMisorder = 100;

    /// <summary>RFC 3550 A.1: sequential packets needed before a new source is valid.</summary>
    public const int MinSequential = 2;

    private const int SequenceModulus = 1 << 16;
    private const int WindowBits = 64;

    private ushort _maxSequence;
    private uint _cycles;
    private int _badSequence = SequenceModulus + 1;
    private int _probation;
    private ulong _window;
    private bool _started;

    /// <summary>Gets the first sequence number of the current (validated) sequence space.</summary>
    public ushort BaseSequence { get; private set; }

    /// <summary>Gets the highest sequence number seen, extended with the wrap-around count (RFC 3550 A.1).</summary>
    public long ExtendedHighest => _cycles + _maxSequence;

    /// <summary>Gets the number of distinct packets accepted since the last (re)start.</summary>
    public long Received { get; private set; }

    /// <summary>Gets the number of duplicates detected.</summary>
    public long Duplicates { get; private set; }

    /// <summary>Gets the number of packets that arrived after a higher sequence number.</summary>
    public long Reordered { get; private set; }

    /// <summary>Gets the number of confirmed restarts (large jumps).</summary>
    public int Restarts { get; private set; }

    /// <summary>Gets a value indicating whether the source has passed probation.</summary>
    public bool IsValid => _started && _probation == 0;

    /// <summary>Gets the number of packets expected so far: extended highest − base + 1 (RFC 3550 A.3).</summary>
    public long Expected => IsValid ? ExtendedHighest - BaseSequence + 1 : 0;

    /// <summary>Feeds one sequence number and classifies it.</summary>
    public SequenceStatus Update(ushort sequence)
    {
        if (!_started)
        {
            // RFC 3550 A.1: a new source starts on probation with max_seq one behind.
            Initialise(sequence);
            _maxSequence = (ushort)(sequence - 1);
            _probation = MinSequential;
            _started = true;
        }

        ushort delta = (ushort)(sequence - _maxSequence);
        if (_probation > 0)
        {
            if (sequence == (ushort)(_maxSequence + 1))
            {
                _probation--;
                _maxSequence = sequence;
                if (_probation == 0)
                {
                    Initialise(sequence);
                    Received++;
                    return SequenceStatus.InOrder;
                }
            }
            else
            {
                _probation = MinSequential - 1;
                _maxSequence = sequence;
            }

            return SequenceStatus.Probation;
        }

        if (delta == 0)
        {
            Duplicates++;
            return SequenceStatus.Duplicate;
        }

        if (delta < MaxDropout)
        {
            if (sequence < _maxSequence)
            {
                _cycles += SequenceModulus;
            }

            _maxSequence = sequence;
            _window = delta >= WindowBits ? 1UL : (_window << delta) | 1UL;
            Received++;
            return SequenceStatus.InOrder;
        }

        if (delta <= SequenceModulus - MaxMisorder)
        {
            // RFC 3550 A.1: a very large jump is believed only when the next packet follows it.
            if (sequence == _badSequence)
            {
                Initialise(sequence);
                Restarts++;
                Received++;
                return SequenceStatus.Restarted;
            }

            _badSequence = (sequence + 1) & (SequenceModulus - 1);
            return SequenceStatus.BadJump;
        }

        int behind = SequenceModulus - delta;
        if (behind < WindowBits)
        {
            ulong bit = 1UL << behind;
            if ((_window & bit) != 0)
            {
                Duplicates++;
                return SequenceStatus.Duplicate;
            }

            _window |= bit;
        }

        Reordered++;
        Received++;
        return SequenceStatus.Reordered;
    }

    /// <summary>
    /// Extends <paramref name="sequence"/> relative to the highest sequence seen, choosing the nearest
    /// 32-bit value (handles packets just before or after a wrap).
    /// </summary>
    public long Extend(ushort sequence) => ExtendedHighest + (short)(ushort)(sequence - _maxSequence);

    private void Initialise(ushort sequence)
    {
        BaseSequence = sequence;
        _maxSequence = sequence;
        _badSequence = SequenceModulus + 1;
        _cycles = 0;
        _window = 1;
        Received = 0;
    }
}
