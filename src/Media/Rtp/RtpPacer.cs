namespace Telepath.Media.Rtp;

/// <summary>
/// The outgoing playout queue: agent audio arrives in bursts, and the pacer releases it as fixed frames
/// (e.g. 160 bytes = 20 ms of G.711) on a drift-free schedule. Owned by one thread (the call's loop).
/// </summary>
/// <remarks>
/// <para>Frame n is due at start + n × frameDuration, computed from the monotonic start timestamp each time
/// rather than by adding intervals, so timer lateness never accumulates: a late wake-up sends the due frames
/// and the schedule stays anchored. The frame index also gives the RTP timestamp (base + n × samples).</para>
/// <para>The queue is a ring of preallocated frames; <see cref="Flush"/> empties it at once for barge-in.</para>
/// <para>Standing delay: an agent that streams in real time (a paced bot, an echo) never lets the queue drain, so
/// a backlog left by one stall (a burst after a network or scheduling hiccup) would delay every later frame for the
/// rest of the call. Over each window of <see cref="WindowFrames"/> sent frames the pacer watches the smallest
/// backlog and how many frames arrived; when frames arrived at real-time pace (±10 %) and the backlog never fell to
/// <see cref="TargetFrames"/>, it skips up to <see cref="MaxSkipsPerWindow"/> frames in the next window, spread out,
/// as an adaptive jitter buffer would. Bursty producers (text-to-speech a few times faster than real time, then
/// quiet) never look steady, so their speech is never cut.</para>
/// </remarks>
internal sealed class RtpPacer
{
    private readonly long _frequency;
    private readonly long _frameDurationTicks;
    private readonly int _frameBytes;
    private readonly int _capacity;
    private readonly byte[] _ring;
    private int _head;
    private int _count;
    private int _tailFill;
    private long _start;
    private long _overflowBytes;
    private long _underruns;
    private long _skipped;
    private int _windowSends;
    private int _windowArrivals;
    private int _windowMin = int.MaxValue;
    private int _skipBudget;

    /// <summary>Sent frames per observation window (1 s at 20 ms).</summary>
    public const int WindowFrames = 50;

    /// <summary>Backlog, in frames, that a steady stream may keep (absorbs ordinary arrival jitter).</summary>
    public const int TargetFrames = 2;

    /// <summary>Most frames skipped per window (a 10 % speed-up at most, one frame in ten).</summary>
    public const int MaxSkipsPerWindow = 5;

    private const int SkipSpacing = WindowFrames / MaxSkipsPerWindow;

    /// <summary>Creates a pacer.</summary>
    /// <param name="timeProvider">Source of the monotonic timestamp frequency.</param>
    /// <param name="frameBytes">Bytes per frame (160 for 20 ms of G.711).</param>
    /// <param name="frameDuration">Duration of one frame (20 ms by default).</param>
    /// <param name="capacityFrames">Largest backlog in frames (250 = 5 s at 20 ms).</param>
    public RtpPacer(TimeProvider timeProvider, int frameBytes = 160, TimeSpan? frameDuration = null, int capacityFrames = 250)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(frameBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityFrames, 1);
        FrameDuration = frameDuration ?? TimeSpan.FromMilliseconds(20);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FrameDuration, TimeSpan.Zero, nameof(frameDuration));
        _frequency = timeProvider.TimestampFrequency;
        _frameDurationTicks = FrameDuration.Ticks;
        _frameBytes = frameBytes;
        _capacity = capacityFrames;
        _ring = new byte[capacityFrames * frameBytes];
    }

    /// <summary>Gets the duration of one frame.</summary>
    public TimeSpan FrameDuration { get; }

    /// <summary>Gets a value indicating whether <see cref="Start"/> has been called.</summary>
    public bool IsStarted { get; private set; }

    /// <summary>Gets the index of the next frame slot (the number of slots passed since start).</summary>
    public long FrameIndex { get; private set; }

    /// <summary>Gets the number of complete frames queued.</summary>
    public int QueuedFrames => _count;

    /// <summary>Gets the bytes rejected because the queue was full.</summary>
    public long OverflowBytes => _overflowBytes;

    /// <summary>Gets the number of due slots that found the queue empty.</summary>
    public long Underruns => _underruns;

    /// <summary>Gets the frames skipped to shed a standing delay (see remarks).</summary>
    public long SkippedFrames => _skipped;

    /// <summary>Gets the due time (a <see cref="TimeProvider.GetTimestamp"/> value) of frame <see cref="FrameIndex"/>.</summary>
    public long NextDue => DueTime(FrameIndex);

    /// <summary>Anchors the schedule: frame 0 is due at <paramref name="startTimestamp"/>.</summary>
    public void Start(long startTimestamp)
    {
        _start = startTimestamp;
        FrameIndex = 0;
        IsStarted = true;
    }

    /// <summary>Gets the due time of frame <paramref name="frameIndex"/>: start + n × duration, exactly.</summary>
    public long DueTime(long frameIndex) =>
        _start + (long)((Int128)frameIndex * _frameDurationTicks * _frequency / TimeSpan.TicksPerSecond);

    /// <summary>Appends audio; a trailing partial frame waits for the rest of its bytes.</summary>
    /// <returns>Bytes accepted; fewer than offered when the queue is full (the rest is counted as overflow).</returns>
    public int Enqueue(ReadOnlySpan<byte> audio)
    {
        int accepted = 0;
        while (!audio.IsEmpty && _count < _capacity)
        {
            int slot = (_head + _count) % _capacity;
            int take = Math.Min(_frameBytes - _tailFill, audio.Length);
            audio[..take].CopyTo(_ring.AsSpan((slot * _frameBytes) + _tailFill, take));
            audio = audio[take..];
            accepted += take;
            _tailFill += take;
            if (_tailFill == _frameBytes)
            {
                _count++;
                _tailFill = 0;
                _windowArrivals++;
            }
        }

        _overflowBytes += audio.Length;
        return accepted;
    }

    /// <summary>Completes a trailing partial frame with <paramref name="fill"/> (e.g. 0xFF, μ-law silence) at the end of an utterance.</summary>
    public void PadPartialFrame(byte fill)
    {
        if (_tailFill == 0)
        {
            return;
        }

        int slot = (_head + _count) % _capacity;
        _ring.AsSpan((slot * _frameBytes) + _tailFill, _frameBytes - _tailFill).Fill(fill);
        _tailFill = 0;
        _count++;
        _windowArrivals++;
    }

    /// <summary>Discards everything queued at once (barge-in). The schedule keeps running.</summary>
    /// <returns>The number of frames discarded, a partial frame included.</returns>
    public int Flush()
    {
        int flushed = _count + (_tailFill > 0 ? 1 : 0);
        _head = 0;
        _count = 0;
        _tailFill = 0;
        ResetWindow();
        _skipBudget = 0;
        return flushed;
    }

    /// <summary>Advances the schedule by one slot if it is due.</summary>
    /// <param name="now">Current <see cref="TimeProvider.GetTimestamp"/> value.</param>
    /// <param name="destination">Receives the frame when the result is <see cref="PacerResult.Frame"/>.</param>
    /// <returns>Call again until <see cref="PacerResult.NotDue"/> to catch up after a late wake-up.</returns>
    public PacerResult Next(long now, Span<byte> destination)
    {
        if (!IsStarted || now < DueTime(FrameIndex))
        {
            return PacerResult.NotDue;
        }

        FrameIndex++;
        if (_count == 0)
        {
            _underruns++;
            ResetWindow();
            _skipBudget = 0;
            return PacerResult.Underrun;
        }

        if (_skipBudget > 0 && _count > TargetFrames + 1 && FrameIndex % SkipSpacing == 0)
        {
            // Shed 20 ms of standing delay: the caller hears the next frame in this slot.
            _head = (_head + 1) % _capacity;
            _count--;
            _skipBudget--;
            _skipped++;
        }

        _ring.AsSpan(_head * _frameBytes, _frameBytes).CopyTo(destination);
        _head = (_head + 1) % _capacity;
        _count--;
        Observe();
        return PacerResult.Frame;
    }

    private void Observe()
    {
        _windowMin = Math.Min(_windowMin, _count);
        if (++_windowSends < WindowFrames)
        {
            return;
        }

        // Real-time pace: as many frames arrived as were sent, within 10 %.
        bool steady = _windowArrivals >= WindowFrames * 9 / 10 && _windowArrivals <= WindowFrames * 11 / 10;
        _skipBudget = steady && _windowMin > TargetFrames ? Math.Min(_windowMin - TargetFrames, MaxSkipsPerWindow) : 0;
        ResetWindow();
    }

    private void ResetWindow()
    {
        _windowSends = 0;
        _windowArrivals = 0;
        _windowMin = int.MaxValue;
    }
}
