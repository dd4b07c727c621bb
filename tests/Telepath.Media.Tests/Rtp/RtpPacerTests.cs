using Microsoft.Extensions.Time.Testing;
using Telepath.Media.Rtp;

namespace Telepath.Media.Tests.Rtp;

/// <summary>Drift-free 20 ms pacing of bursty agent audio, and barge-in flush.</summary>
public sealed class RtpPacerTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Sixty_seconds_of_frames_are_each_released_exactly_on_schedule()
    {
        var pacer = new RtpPacer(_time);
        long start = _time.GetTimestamp();
        pacer.Start(start);
        long frameTicks = _time.TimestampFrequency / 50;
        var frame = new byte[160];
        int sent = 0;

        // 60 s of audio arrives in 3 s bursts well ahead of time; the loop wakes at uneven, late moments.
        byte[] burst = new byte[160 * 150];
        var random = new Random(3);
        for (int wake = 0; sent < 3000; wake++)
        {
            if (pacer.QueuedFrames < 50 && sent + pacer.QueuedFrames < 3000)
            {
                Assert.Equal(burst.Length, pacer.Enqueue(burst));
            }

            long due = pacer.NextDue;
            Assert.Equal(start + (sent * frameTicks), due);
            Assert.Equal(PacerResult.NotDue, pacer.Next(due - 1, frame));

            // Wake up 0–3 ms late; the schedule must not absorb the lateness.
            _time.SetUtcNow(_time.GetUtcNow() + TimeSpan.FromTicks((due - _time.GetTimestamp()) * TimeSpan.TicksPerSecond / _time.TimestampFrequency) + TimeSpan.FromMilliseconds(random.Next(0, 4)));
            while (pacer.Next(_time.GetTimestamp(), frame) == PacerResult.Frame)
            {
                sent++;
            }
        }

        Assert.Equal(3000, pacer.FrameIndex);
        Assert.Equal(start + (3000 * frameTicks), pacer.NextDue);
        Assert.Equal(TimeSpan.FromSeconds(60), TimeSpan.FromTicks((pacer.NextDue - start) * TimeSpan.TicksPerSecond / _time.TimestampFrequency));
    }

    [Fact]
    public void A_standing_backlog_behind_a_real_time_producer_is_shed_a_few_frames_a_second()
    {
        var pacer = new RtpPacer(_time);
        pacer.Start(_time.GetTimestamp());
        var frame = new byte[160];
        int produced = 0;

        // A stall delivered 12 frames at once; after that the agent streams exactly one frame per slot.
        for (; produced < 12; produced++)
        {
            pacer.Enqueue(Frame(produced));
        }

        var backlog = new List<int>();
        for (int slot = 0; slot < 50 * 6; slot++)
        {
            pacer.Enqueue(Frame(produced++));
            AdvanceToNextSlot(pacer);
            Assert.Equal(PacerResult.Frame, pacer.Next(_time.GetTimestamp(), frame));
            backlog.Add(pacer.QueuedFrames);
        }

        Assert.True(backlog[49] >= 12, "the first window only observes");
        Assert.InRange(backlog[^1], 0, RtpPacer.TargetFrames + 1);
        Assert.Equal(backlog[49] - backlog[^1], pacer.SkippedFrames);
        Assert.Equal(produced - pacer.QueuedFrames - pacer.SkippedFrames, pacer.FrameIndex);
    }

    [Fact]
    public void Bursty_speech_ahead_of_time_is_never_skipped()
    {
        var pacer = new RtpPacer(_time);
        pacer.Start(_time.GetTimestamp());
        var frame = new byte[160];

        // Text-to-speech: 4 s of audio arrives at once, then nothing until it has played.
        for (int i = 0; i < 200; i++)
        {
            pacer.Enqueue(Frame(i));
        }

        for (int expected = 0; expected < 200; expected++)
        {
            AdvanceToNextSlot(pacer);
            Assert.Equal(PacerResult.Frame, pacer.Next(_time.GetTimestamp(), frame));
            Assert.Equal((byte)expected, frame[0]);
        }

        Assert.Equal(0, pacer.SkippedFrames);
        Assert.Equal(0, pacer.PhaseShifts);
    }

    [Fact]
    public void A_real_time_producer_ahead_of_the_slot_phase_gets_its_frames_sent_on_arrival_after_a_full_window()
    {
        var pacer = new RtpPacer(_time);
        long start = _time.GetTimestamp();
        pacer.Start(start);
        long frameTicks = _time.TimestampFrequency / 50;
        var frame = new byte[160];

        // An echo whose talkspurt began on time, then its source came 12 ms forward (a network or scheduling hiccup
        // on the way): frame k arrives 8 ms after slot k-1, i.e. 12 ms before its own slot, every 20 ms.
        pacer.Enqueue(Frame(0));
        Assert.Equal(PacerResult.Frame, pacer.Next(start, frame));
        var waits = new List<long>();
        for (int k = 1; k <= 50; k++)
        {
            long arrival = start + (k * frameTicks) - (frameTicks * 12 / 20);
            SetTimestamp(arrival);
            pacer.Enqueue(Frame(k));

            // The stream offers the frame at once (EnqueueAudio), then the pacing thread at its slot.
            if (pacer.Next(_time.GetTimestamp(), frame) != PacerResult.Frame)
            {
                AdvanceToNextSlot(pacer);
                Assert.Equal(PacerResult.Frame, pacer.Next(_time.GetTimestamp(), frame));
            }

            Assert.Equal((byte)k, frame[0]);
            waits.Add(_time.GetTimestamp() - arrival);
        }

        // Frame 0 started the talkspurt and is not counted; the first window after it saw every frame wait 12 ms, and moved.
        int moved = RtpPacer.PhaseWindowFrames;
        Assert.All(waits.Take(moved), wait => Assert.Equal(frameTicks * 12 / 20, wait));
        Assert.All(waits.Skip(moved), wait => Assert.Equal(0, wait));
        Assert.Equal(1, pacer.PhaseShifts);
        Assert.Equal(0, pacer.Underruns);
        Assert.Equal(0, pacer.SkippedFrames);
    }

    [Fact]
    public void A_standing_backlog_of_a_few_frames_behind_a_real_time_producer_drains_without_losing_audio()
    {
        var pacer = new RtpPacer(_time);
        long start = _time.GetTimestamp();
        pacer.Start(start);
        long frameTicks = _time.TimestampFrequency / 50;
        var frame = new byte[160];

        // Calls set up together under load: three frames arrive at once, then one every 20 ms, 5 ms into each slot.
        int produced = 0;
        for (; produced < 3; produced++)
        {
            pacer.Enqueue(Frame(produced));
        }

        var waits = new List<long>();
        int expected = 0;
        for (int k = 1; k <= 150; k++)
        {
            long arrival = start + (k * frameTicks) + (frameTicks / 4);

            // The pacing thread sends what falls due before the next arrival, then the arrival is offered at once.
            while (pacer.NextDue < arrival && pacer.QueuedFrames > 0)
            {
                SetTimestamp(Math.Max(pacer.NextDue, _time.GetTimestamp()));
                Assert.Equal(PacerResult.Frame, pacer.Next(_time.GetTimestamp(), frame));
                Assert.Equal((byte)expected++, frame[0]);
            }

            SetTimestamp(arrival);
            pacer.Enqueue(Frame(produced++));
            while (pacer.Next(_time.GetTimestamp(), frame) == PacerResult.Frame)
            {
                Assert.Equal((byte)expected++, frame[0]);
            }

            waits.Add(pacer.QueuedFrames);
        }

        // Every frame was played, in order; the backlog is gone and each frame now leaves as it arrives.
        Assert.Equal(0, pacer.SkippedFrames);
        Assert.Equal(0, pacer.Underruns);
        Assert.All(waits.Skip(100), queued => Assert.Equal(0, queued));
        Assert.Equal(produced, expected);
        Assert.InRange(pacer.PhaseShifts, 2, 4);
    }

    [Fact]
    public void After_a_stall_longer_than_the_grace_the_frames_after_it_wait_for_two_windows_at_most()
    {
        var pacer = new RtpPacer(_time);
        long tick = _time.TimestampFrequency / 1000;
        long origin = _time.GetTimestamp();
        var arrivals = new long[60];

        // A real-time producer 2 ms into each slot; a 27 ms stall on the way (past the 20 ms grace) holds frames 20 and
        // 21 back and delivers them together.
        for (int k = 0; k < arrivals.Length; k++)
        {
            arrivals[k] = origin + (k * 20 * tick) + (2 * tick) + (k == 20 ? 27 * tick : k == 21 ? 7 * tick : 0);
        }

        long[] sent = Play(pacer, arrivals);

        // The late pair restarted the talkspurt on its own phase, one frame deep: the frames after it arrived early for
        // that phase and waited, until the phase moved back (a frame per window at most). None was lost, and frames
        // before the stall never waited.
        long[] waits = sent.Zip(arrivals, (s, a) => s - a).ToArray();
        Assert.All(waits.Take(20), w => Assert.Equal(0, w));
        Assert.All(sent, t => Assert.True(t > 0));
        Assert.InRange(waits.Count(w => w > 5 * tick), 1, 2 * RtpPacer.PhaseWindowFrames);
        Assert.All(waits.Skip(22 + (2 * RtpPacer.PhaseWindowFrames)), w => Assert.Equal(0, w));
        Assert.InRange(pacer.PhaseShifts, 1, 2);
    }

    [Fact]
    public void A_stall_shorter_than_the_grace_costs_the_frames_after_it_nothing()
    {
        var pacer = new RtpPacer(_time);
        long tick = _time.TimestampFrequency / 1000;
        long origin = _time.GetTimestamp();
        var arrivals = new long[40];

        // Frame 20 is held up 17 ms: it still goes out as its slot's frame, the moment it arrives, and the phase stays.
        for (int k = 0; k < arrivals.Length; k++)
        {
            arrivals[k] = origin + (k * 20 * tick) + (2 * tick) + (k == 20 ? 17 * tick : 0);
        }

        long[] sent = Play(pacer, arrivals);

        Assert.All(sent.Zip(arrivals, (s, a) => s - a), w => Assert.Equal(0, w));
        Assert.Equal(0, pacer.Underruns);
        Assert.Equal(0, pacer.PhaseShifts);
    }

    /// <summary>
    /// Drives the pacer as RtpStream does for a producer whose frame k arrives at <paramref name="arrivals"/>[k]: the
    /// pacing thread ticks every millisecond, each frame is offered the moment it arrives (a talkspurt restarts after
    /// an underrun), and the queue is drained at the end. Returns when each frame was sent.
    /// </summary>
    private long[] Play(RtpPacer pacer, long[] arrivals)
    {
        long tick = _time.TimestampFrequency / 1000;
        var sent = new long[arrivals.Length];
        bool silent = true;
        for (int k = 0; k < arrivals.Length; k++)
        {
            while (_time.GetTimestamp() + tick <= arrivals[k])
            {
                _time.Advance(TimeSpan.FromMilliseconds(1));
                silent = Drain(pacer, sent, silent);
            }

            SetTimestamp(arrivals[k]);
            if (silent && pacer.QueuedFrames == 0)
            {
                pacer.Start(arrivals[k]);
            }

            pacer.Enqueue(Frame(k));
            silent = Drain(pacer, sent, silent);
        }

        while (pacer.QueuedFrames > 0)
        {
            _time.Advance(TimeSpan.FromMilliseconds(1));
            silent = Drain(pacer, sent, silent);
        }

        return sent;
    }

    /// <summary>Sends what is due now, as the stream does; returns whether the stream is silent (after an underrun).</summary>
    private bool Drain(RtpPacer pacer, long[] sent, bool silent)
    {
        var frame = new byte[160];
        PacerResult result;
        while ((result = pacer.Next(_time.GetTimestamp(), frame)) != PacerResult.NotDue)
        {
            if (result == PacerResult.Underrun)
            {
                silent = true;
                continue;
            }

            sent[frame[0]] = _time.GetTimestamp();
            silent = false;
        }

        return silent;
    }

    [Fact]
    public void A_frame_a_little_late_still_goes_out_as_its_slots_frame_without_an_underrun()
    {
        var pacer = new RtpPacer(_time);
        long start = _time.GetTimestamp();
        pacer.Start(start);
        var frame = new byte[160];
        pacer.Enqueue(Frame(0));
        Assert.Equal(PacerResult.Frame, pacer.Next(start, frame));

        // Slot 1 comes and its frame is not there yet: the slot waits, up to the grace.
        AdvanceToNextSlot(pacer);
        long slot1 = pacer.NextDue;
        Assert.Equal(PacerResult.NotDue, pacer.Next(_time.GetTimestamp(), frame));
        _time.Advance(TimeSpan.FromMilliseconds(3));
        pacer.Enqueue(Frame(1));
        Assert.Equal(PacerResult.Frame, pacer.Next(_time.GetTimestamp(), frame));
        Assert.Equal(1, frame[0]);
        Assert.Equal(_time.GetTimestamp(), pacer.LastFrameReady);
        Assert.Equal(0, pacer.Underruns);

        // The schedule keeps its phase: slot 2 is 20 ms after slot 1, not after the late frame.
        Assert.Equal(slot1 + (_time.TimestampFrequency / 50), pacer.NextDue);

        // A slot that stays empty past the grace is an underrun.
        AdvanceToNextSlot(pacer);
        _time.Advance(pacer.LateGrace);
        Assert.Equal(PacerResult.Underrun, pacer.Next(_time.GetTimestamp(), frame));
        Assert.Equal(1, pacer.Underruns);
    }

    [Fact]
    public void A_real_time_producer_that_already_meets_its_slots_keeps_the_phase()
    {
        var pacer = new RtpPacer(_time);
        long start = _time.GetTimestamp();
        pacer.Start(start);
        long frameTicks = _time.TimestampFrequency / 50;
        var frame = new byte[160];

        // Frames arrive 1 ms after their slot opened (within the grace): each leaves on arrival, nothing to gain.
        for (int k = 0; k < 50; k++)
        {
            SetTimestamp(start + (k * frameTicks) + (frameTicks / 20));
            pacer.Enqueue(Frame(k));
            Assert.Equal(PacerResult.Frame, pacer.Next(_time.GetTimestamp(), frame));
        }

        Assert.Equal(0, pacer.PhaseShifts);
        Assert.Equal(0, pacer.Underruns);
        Assert.Equal(start + (50 * frameTicks), pacer.NextDue);
    }

    private void SetTimestamp(long timestamp)
    {
        long ahead = timestamp - _time.GetTimestamp();
        Assert.True(ahead >= 0);
        _time.Advance(TimeSpan.FromTicks(ahead * TimeSpan.TicksPerSecond / _time.TimestampFrequency));
    }

    private void AdvanceToNextSlot(RtpPacer pacer)
    {
        long wait = pacer.NextDue - _time.GetTimestamp();
        if (wait > 0)
        {
            _time.Advance(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / _time.TimestampFrequency));
        }
    }

    private static byte[] Frame(int index)
    {
        var frame = new byte[160];
        frame.AsSpan().Fill((byte)index);
        return frame;
    }

    [Fact]
    public void Late_wake_up_catches_up_without_shifting_later_due_times()
    {
        var pacer = new RtpPacer(_time);
        long start = _time.GetTimestamp();
        pacer.Start(start);
        pacer.Enqueue(new byte[160 * 10]);
        var frame = new byte[160];

        _time.Advance(TimeSpan.FromMilliseconds(65));
        int released = 0;
        while (pacer.Next(_time.GetTimestamp(), frame) == PacerResult.Frame)
        {
            released++;
        }

        Assert.Equal(4, released);
        Assert.Equal(start + (4 * _time.TimestampFrequency / 50), pacer.NextDue);
    }

    [Fact]
    public void Frames_come_out_in_order_and_partial_frames_wait_for_their_rest()
    {
        var pacer = new RtpPacer(_time, frameBytes: 4);
        pacer.Start(_time.GetTimestamp());
        pacer.Enqueue([1, 1, 1, 1, 2, 2]);
        Assert.Equal(1, pacer.QueuedFrames);
        pacer.Enqueue([2, 2, 3]);
        Assert.Equal(2, pacer.QueuedFrames);
        pacer.PadPartialFrame(0xFF);

        var frame = new byte[4];
        long now = _time.GetTimestamp() + (_time.TimestampFrequency * 10);
        Assert.Equal(PacerResult.Frame, pacer.Next(now, frame));
        Assert.Equal(new byte[] { 1, 1, 1, 1 }, frame);
        Assert.Equal(PacerResult.Frame, pacer.Next(now, frame));
        Assert.Equal(new byte[] { 2, 2, 2, 2 }, frame);
        Assert.Equal(PacerResult.Frame, pacer.Next(now, frame));
        Assert.Equal(new byte[] { 3, 0xFF, 0xFF, 0xFF }, frame);
        Assert.Equal(PacerResult.Underrun, pacer.Next(now, frame));
        Assert.Equal(1, pacer.Underruns);
    }

    [Fact]
    public void Flush_empties_the_queue_at_once_and_reports_the_frames_discarded()
    {
        var pacer = new RtpPacer(_time);
        pacer.Start(_time.GetTimestamp());
        pacer.Enqueue(new byte[(160 * 25) + 10]);

        Assert.Equal(26, pacer.Flush());
        Assert.Equal(0, pacer.QueuedFrames);
        _time.Advance(pacer.LateGrace);
        Assert.Equal(PacerResult.Underrun, pacer.Next(_time.GetTimestamp(), new byte[160]));
        Assert.Equal(0, pacer.Flush());
    }

    [Fact]
    public void Queue_is_bounded_and_counts_overflow()
    {
        var pacer = new RtpPacer(_time, capacityFrames: 2);
        Assert.Equal(320, pacer.Enqueue(new byte[400]));
        Assert.Equal(80, pacer.OverflowBytes);
    }

    [Fact]
    public void Steady_state_enqueue_next_and_flush_allocate_nothing()
    {
        var pacer = new RtpPacer(_time);
        pacer.Start(_time.GetTimestamp());
        byte[] burst = new byte[160 * 5];
        byte[] frame = new byte[160];
        long now = _time.GetTimestamp();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            pacer.Enqueue(burst);
            now += _time.TimestampFrequency / 10;
            while (pacer.Next(now, frame) != PacerResult.NotDue)
            {
            }

            if (i % 7 == 0)
            {
                pacer.Flush();
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
