namespace Telepath.Media.Rtp;

/// <summary>
/// The outgoing playout queue: agent audio arrives in bursts, and the pacer releases it as fixed frames
/// (e.g. 160 bytes = 20 ms of G.711) on a drift-free schedule. Not thread-safe: its stream drives it under its send
/// lock, from the pacing thread and from the thread that queues audio.
/// </summary>
/// <remarks>
/// <para>Frame n is due at start + n × frameDuration, computed from the monotonic start timestamp each time
/// rather than by adding intervals, so timer lateness never accumulates: a late wake-up sends the due frames
/// and the schedule stays anchored. The stream numbers the frames' RTP timestamps itself, so moving the schedule
/// (below) never moves the audio's media time.</para>
/// <para>The queue is a ring of preallocated frames; <see cref="Flush"/> empties it at once for barge-in.</para>
/// <para>Standing delay: an agent that streams in real time (a paced bot, an echo) never lets the queue drain, so
/// a backlog left by one stall (a burst after a network or scheduling hiccup) would delay every later frame for the
/// rest of the call. Over each window of <see cref="WindowFrames"/> sent frames the pacer watches the smallest
/// backlog and how many frames arrived; when frames arrived at real-time pace (±10 %) and the backlog never fell to
/// <see cref="TargetFrames"/>, it skips up to <see cref="MaxSkipsPerWindow"/> frames in the next window, spread out,
/// as an adaptive jitter buffer would. Bursty producers (text-to-speech a few times faster than real time, then
/// quiet) never look steady, so their speech is never cut.</para>
/// <para>Slot phase: the schedule is anchored when a talkspurt starts, but a real-time producer (an echo, a relayed
/// stream, a streaming bot) delivers each frame at its own phase within the 20 ms slot. A frame that arrives 12 ms
/// before its slot would wait those 12 ms in every slot for the rest of the call. So the pacer also watches how long
/// each frame waited: when over <see cref="PhaseWindowFrames"/> frames the producer delivered at real-time pace
/// (one frame per slot, give or take one; a burst of text-to-speech never does) and even the shortest wait was above
/// zero, the schedule moves earlier by that wait plus <see cref="PhaseMargin"/>, at most one frame per window. The
/// same rule drains whole frames of standing backlog behind such a producer (calls set up together under load left
/// 2–3 frames, 50 ms, for the rest of the call): one frame goes out early per window and no audio is lost. A frame
/// that misses its slot by less than <see cref="LateGrace"/> is still sent as that slot's frame, the moment it
/// arrives (the slot is not declared an underrun yet), so after the move every frame leaves on arrival and arrival
/// jitter up to the margin never makes one wait. The carrier sees one packet early by a few milliseconds, which its
/// jitter buffer absorbs. A producer that drifts later than the grace restarts the talkspurt at its own phase.</para>
/// </remarks>
internal sealed class RtpPacer
{
    private readonly TimeProvider _time;
    private readonly long _frequency;
    private readonly long _frameDurationTicks;
    private readonly int _frameBytes;
    private readonly int _capacity;
    private readonly byte[] _ring;
    private readonly long[] _completedAt;
    private readonly long _lateGraceTicks;
    private readonly long _phaseMarginTicks;
    private readonly long _frameTimestampTicks;
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
    private int _phaseFrames;
    private int _phaseArrivals;
    private long _phaseMinWait = long.MaxValue;
    private bool _phaseSkipFirst;
    private long _phaseShifts;

    /// <summary>Sent frames per observation window (1 s at 20 ms).</summary>
    public const int WindowFrames = 50;

    /// <summary>Backlog, in frames, that a steady stream may keep (absorbs ordinary arrival jitter).</summary>
    public const int TargetFrames = 2;

    /// <summary>Most frames skipped per window (a 10 % speed-up at most, one frame in ten).</summary>
    public const int MaxSkipsPerWindow = 5;

    private const int SkipSpacing = WindowFrames / MaxSkipsPerWindow;

    /// <summary>Frames observed before the slot phase may move (100 ms at 20 ms): a disturbance costs a few windows.</summary>
    public const int PhaseWindowFrames = 5;

    /// <summary>
    /// How far ahead of a real-time producer's earliest arrival the slots are put when the phase moves: a frame that
    /// arrives up to this much earlier than any frame of the window before still finds its slot due.
    /// </summary>
    public static readonly TimeSpan PhaseMargin = TimeSpan.FromMilliseconds(3);

    /// <summary>
    /// How late a frame may arrive and still be sent as the current slot's frame: one frame. A late frame leaves the
    /// moment it arrives either way, so the grace costs no latency; what it decides is whether the slot phase survives.
    /// A shorter grace turned every scheduling stall past it into a talkspurt restart anchored on the late frame, and
    /// the frames after it, back on time, then waited for a phase they did not keep.
    /// </summary>
    public TimeSpan LateGrace => FrameDuration;

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
        _time = timeProvider;
        _frequency = timeProvider.TimestampFrequency;
        _frameDurationTicks = FrameDuration.Ticks;
        _frameBytes = frameBytes;
        _capacity = capacityFrames;
        _ring = new byte[capacityFrames * frameBytes];
        _completedAt = new long[capacityFrames];
        _lateGraceTicks = ToTimestampTicks(LateGrace);
        _phaseMarginTicks = ToTimestampTicks(PhaseMargin);
        _frameTimestampTicks = ToTimestampTicks(FrameDuration);
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

    /// <summary>
    /// Gets when the last frame <see cref="Next"/> returned could first have been sent: its due time, or its arrival if
    /// it arrived after that. Time past this instant is the pacer's own lateness, not the producer's.
    /// </summary>
    public long LastFrameReady { get; private set; }

    /// <summary>Gets how many times the slot phase moved earlier to meet a real-time producer (see remarks).</summary>
    public long PhaseShifts => _phaseShifts;

    /// <summary>Gets the due time (a <see cref="TimeProvider.GetTimestamp"/> value) of frame <see cref="FrameIndex"/>.</summary>
    public long NextDue => DueTime(FrameIndex);

    /// <summary>
    /// Gets the earliest instant at which <see cref="Next"/> can return anything but <see cref="PacerResult.NotDue"/>:
    /// the next slot when a frame is queued, the end of its late grace when none is, never when not started.
    /// </summary>
    public long NextEventDue => !IsStarted ? long.MaxValue : _count > 0 ? NextDue : NextDue + _lateGraceTicks;

    /// <summary>Anchors the schedule: frame 0 is due at <paramref name="startTimestamp"/>.</summary>
    public void Start(long startTimestamp)
    {
        _start = startTimestamp;
        FrameIndex = 0;
        IsStarted = true;
        ResetPhaseWindow();

        // The frame that starts a talkspurt is due the moment it comes, so its wait says nothing about the producer's
        // phase; counting it would hold back the first move by a whole window (after a stall that left one late
        // frame, every later frame waits for a phase anchored on the late one until the pacer moves).
        _phaseSkipFirst = true;
    }

    /// <summary>Gets the due time of frame <paramref name="frameIndex"/>: start + n × duration, exactly.</summary>
    public long DueTime(long frameIndex) =>
        _start + (long)((Int128)frameIndex * _frameDurationTicks * _frequency / TimeSpan.TicksPerSecond);

    /// <summary>Appends audio; a trailing partial frame waits for the rest of its bytes.</summary>
    /// <returns>Bytes accepted; fewer than offered when the queue is full (the rest is counted as overflow).</returns>
    public int Enqueue(ReadOnlySpan<byte> audio)
    {
        int accepted = 0;
        long now = _time.GetTimestamp();
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
                _completedAt[slot] = now;
                _count++;
                _tailFill = 0;
                _windowArrivals++;
                _phaseArrivals++;
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
        _completedAt[slot] = _time.GetTimestamp();
        _tailFill = 0;
        _count++;
        _windowArrivals++;
        _phaseArrivals++;
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
        ResetPhaseWindow();
        _skipBudget = 0;
        return flushed;
    }

    /// <summary>Advances the schedule by one slot if it is due.</summary>
    /// <param name="now">Current <see cref="TimeProvider.GetTimestamp"/> value.</param>
    /// <param name="destination">Receives the frame when the result is <see cref="PacerResult.Frame"/>.</param>
    /// <returns>Call again until <see cref="PacerResult.NotDue"/> to catch up after a late wake-up.</returns>
    public PacerResult Next(long now, Span<byte> destination)
    {
        long due = DueTime(FrameIndex);
        if (!IsStarted || now < due)
        {
            return PacerResult.NotDue;
        }

        if (_count == 0)
        {
            if (now < due + _lateGraceTicks)
            {
                // The slot stays open a little: a frame a moment late still goes out as this slot's frame.
                return PacerResult.NotDue;
            }

            FrameIndex++;
            _underruns++;
            ResetWindow();
            ResetPhaseWindow();
            _skipBudget = 0;
            return PacerResult.Underrun;
        }

        FrameIndex++;

        if (_skipBudget > 0 && _count > TargetFrames + 1 && FrameIndex % SkipSpacing == 0)
        {
            // Shed 20 ms of standing delay: the caller hears the next frame in this slot.
            _head = (_head + 1) % _capacity;
            _count--;
            _skipBudget--;
            _skipped++;
        }

        long waited = due - _completedAt[_head];
        LastFrameReady = Math.Max(due, _completedAt[_head]);
        _ring.AsSpan(_head * _frameBytes, _frameBytes).CopyTo(destination);
        _head = (_head + 1) % _capacity;
        _count--;
        Observe();
        TrackPhase(waited);
        return PacerResult.Frame;
    }

    /// <summary>Moves the schedule earlier when a real-time producer's frames all waited for their slot (see remarks).</summary>
    private void TrackPhase(long waited)
    {
        if (_phaseSkipFirst)
        {
            _phaseSkipFirst = false;
            _phaseArrivals = Math.Max(0, _phaseArrivals - 1);
            return;
        }

        _phaseMinWait = Math.Min(_phaseMinWait, waited);
        if (++_phaseFrames < PhaseWindowFrames)
        {
            return;
        }

        bool realTime = Math.Abs(_phaseArrivals - PhaseWindowFrames) <= 1;
        if (realTime && _phaseMinWait > 0)
        {
            // Every frame of the window waited at least this long, so none of them would have missed the earlier
            // slots; the margin is far inside the late grace, so frames that keep the old phase still go out as theirs.
            _start -= Math.Min(_phaseMinWait + _phaseMarginTicks, _frameTimestampTicks);
            _phaseShifts++;
        }

        ResetPhaseWindow();
    }

    private void ResetPhaseWindow()
    {
        _phaseFrames = 0;
        _phaseArrivals = 0;
        _phaseMinWait = long.MaxValue;
    }

    private long ToTimestampTicks(TimeSpan value) => (long)((Int128)value.Ticks * _frequency / TimeSpan.TicksPerSecond);

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
