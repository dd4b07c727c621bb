using Microsoft.Extensions.Time.Testing;
using Telepath.Media.Rtp;

namespace Telepath.Media.Tests.Rtp;

/// <summary>
/// Latency-first jitter buffer: immediate in-order release, reordering, duplicates, loss after the adaptive
/// wait, sequence and timestamp wrap-around, and deterministic random network conditions.
/// </summary>
public sealed class JitterBufferTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly byte[] _out = new byte[480];

    [Fact]
    public void In_order_packet_is_released_immediately()
    {
        var buffer = new JitterBuffer(_time);
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(JitterBufferPushResult.Accepted, Push(buffer, (ushort)(100 + i)));
            Assert.True(buffer.TryPop(_time.GetTimestamp(), _out, out JitterBufferFrame frame));
            Assert.Equal((ushort)(100 + i), frame.SequenceNumber);
            Assert.Equal(0, frame.LostBefore);
            Assert.Equal((byte)(100 + i), _out[0]);
            _time.Advance(TimeSpan.FromMilliseconds(20));
        }

        Assert.False(buffer.TryPop(_time.GetTimestamp(), _out, out _));
    }

    [Fact]
    public void Out_of_order_packets_are_held_and_released_in_sequence()
    {
        var buffer = new JitterBuffer(_time);
        Push(buffer, 1);
        Assert.True(buffer.TryPop(_time.GetTimestamp(), _out, out _));
        Push(buffer, 3);
        Push(buffer, 4);
        Assert.False(buffer.TryPop(_time.GetTimestamp(), _out, out _));
        Push(buffer, 2);

        Assert.Equal(new ushort[] { 2, 3, 4 }, DrainSequences(buffer));
        Assert.Equal(1, buffer.Statistics.Reordered);
        Assert.Equal(0, buffer.Statistics.Lost);
    }

    [Fact]
    public void Duplicates_are_dropped_and_counted_whether_held_or_already_released()
    {
        var buffer = new JitterBuffer(_time);
        Push(buffer, 1);
        buffer.TryPop(_time.GetTimestamp(), _out, out _);
        Push(buffer, 3);
        Assert.Equal(JitterBufferPushResult.Duplicate, Push(buffer, 3));
        Assert.Equal(JitterBufferPushResult.Duplicate, Push(buffer, 1));
        Assert.Equal(2, buffer.Statistics.Duplicates);
    }

    [Fact]
    public void Gap_is_skipped_as_loss_once_the_target_delay_has_passed()
    {
        var buffer = new JitterBuffer(_time, minDelay: TimeSpan.FromMilliseconds(30));
        Push(buffer, 1);
        buffer.TryPop(_time.GetTimestamp(), _out, out _);
        Push(buffer, 3);
        Assert.True(buffer.TryGetDeadline(out long deadline));
        Assert.Equal(_time.GetTimestamp() + (_time.TimestampFrequency * 30 / 1000), deadline);

        _time.Advance(TimeSpan.FromMilliseconds(29));
        Assert.False(buffer.TryPop(_time.GetTimestamp(), _out, out _));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(buffer.TryPop(_time.GetTimestamp(), _out, out JitterBufferFrame frame));
        Assert.Equal((ushort)3, frame.SequenceNumber);
        Assert.Equal(1, frame.LostBefore);
        Assert.Equal(1, buffer.Statistics.Lost);

        Assert.Equal(JitterBufferPushResult.Late, Push(buffer, 2));
        Assert.Equal(1, buffer.Statistics.Late);
    }

    [Fact]
    public void Zero_jitter_stream_skips_a_gap_without_waiting()
    {
        var buffer = new JitterBuffer(_time);
        Push(buffer, 1);
        buffer.TryPop(_time.GetTimestamp(), _out, out _);
        _time.Advance(TimeSpan.FromMilliseconds(40));
        Push(buffer, 3);
        Assert.Equal(TimeSpan.Zero, buffer.TargetDelay);
        Assert.True(buffer.TryPop(_time.GetTimestamp(), _out, out JitterBufferFrame frame));
        Assert.Equal(1, frame.LostBefore);
    }

    [Theory]
    [InlineData(30, 10, 25, 35)]
    [InlineData(50, 0, 60, 60)]
    public void Target_delay_follows_three_times_the_measured_jitter_and_is_capped(
        int longGapMs, int shortGapMs, double minTargetMs, double maxTargetMs)
    {
        var buffer = new JitterBuffer(_time, maxDelay: TimeSpan.FromMilliseconds(60));
        for (int i = 0; i < 300; i++)
        {
            // Arrivals alternate around the nominal 20 ms spacing, so |D| is constant (RFC 3550 A.8).
            _time.Advance(TimeSpan.FromMilliseconds(i % 2 == 0 ? longGapMs : shortGapMs));
            Push(buffer, (ushort)i, timestamp: (uint)(i * 160));
            buffer.TryPop(_time.GetTimestamp(), _out, out _);
        }

        double expectedJitter = (longGapMs - shortGapMs) / 2.0 * 8;
        Assert.InRange(buffer.Jitter, expectedJitter * 0.9, expectedJitter * 1.1);
        Assert.InRange(buffer.TargetDelay.TotalMilliseconds, minTargetMs, maxTargetMs);
    }

    [Fact]
    public void Sequence_and_timestamp_wrap_around_are_seamless()
    {
        var buffer = new JitterBuffer(_time);
        var released = new List<ushort>();
        uint timestamp = uint.MaxValue - (160 * 5);
        for (int i = 0; i < 20; i++)
        {
            var sequence = (ushort)(65530 + i);
            _time.Advance(TimeSpan.FromMilliseconds(20));
            Push(buffer, sequence, timestamp);
            timestamp += 160;
            while (buffer.TryPop(_time.GetTimestamp(), _out, out JitterBufferFrame frame))
            {
                released.Add(frame.SequenceNumber);
                Assert.Equal(0, frame.LostBefore);
            }
        }

        Assert.Equal(20, released.Count);
        Assert.Equal((ushort)0, released[6]);
        Assert.Equal(0, buffer.Statistics.Lost);
        Assert.Equal(0.0, buffer.Jitter);
    }

    [Fact]
    public void Reordering_across_the_sequence_wrap_is_restored()
    {
        var buffer = new JitterBuffer(_time);
        Push(buffer, 65534);
        buffer.TryPop(_time.GetTimestamp(), _out, out _);
        Push(buffer, 0);
        Push(buffer, 65535);
        Assert.Equal(new ushort[] { 65535, 0 }, DrainSequences(buffer));
    }

    /// <summary>RFC 3550 A.1: a big jump is believed only when the next packet continues it; then the buffer restarts.</summary>
    [Fact]
    public void Confirmed_sequence_jump_restarts_the_buffer()
    {
        var buffer = new JitterBuffer(_time);
        Push(buffer, 10);
        buffer.TryPop(_time.GetTimestamp(), _out, out _);
        Assert.Equal(JitterBufferPushResult.BadJump, Push(buffer, 30000));
        Assert.Equal(JitterBufferPushResult.Restarted, Push(buffer, 30001));
        Assert.True(buffer.TryPop(_time.GetTimestamp(), _out, out JitterBufferFrame frame));
        Assert.Equal((ushort)30001, frame.SequenceNumber);
        Assert.Equal(1, buffer.Statistics.Restarts);
    }

    [Fact]
    public void Overflow_beyond_capacity_drops_the_oldest_and_counts_the_holes()
    {
        var buffer = new JitterBuffer(_time, capacity: 8, minDelay: TimeSpan.FromSeconds(1), maxDelay: TimeSpan.FromSeconds(1));
        Push(buffer, 0);
        buffer.TryPop(_time.GetTimestamp(), _out, out _);
        for (ushort s = 2; s <= 12; s++)
        {
            Push(buffer, s);
        }

        Assert.True(buffer.Count <= 8);
        ushort[] released = DrainSequences(buffer, TimeSpan.FromSeconds(2));
        Assert.Equal((ushort)12, released[^1]);
        JitterBufferStatistics stats = buffer.Statistics;
        Assert.Equal(12, stats.Accepted);
        Assert.Equal(13, stats.Lost + stats.Released + stats.Dropped);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void Random_reordering_loss_and_duplication_release_each_survivor_once_in_order(int seed)
    {
        var random = new Random(seed);
        var buffer = new JitterBuffer(_time, maxDelay: TimeSpan.FromMilliseconds(60));
        const int Packets = 2000;
        var arrivals = new List<(long Due, ushort Sequence)>();
        var lost = new HashSet<ushort>();
        for (int i = 0; i < Packets; i++)
        {
            var sequence = (ushort)(60000 + i);
            if (random.NextDouble() < 0.05)
            {
                lost.Add(sequence);
                continue;
            }

            long due = (i * 20) + random.Next(0, 50);
            arrivals.Add((due, sequence));
            if (random.NextDouble() < 0.03)
            {
                arrivals.Add((due + random.Next(0, 30), sequence));
            }
        }

        arrivals.Sort((a, b) => a.Due.CompareTo(b.Due));
        var released = new List<ushort>();
        long start = _time.GetTimestamp();
        foreach ((long due, ushort sequence) in arrivals)
        {
            long now = start + (due * _time.TimestampFrequency / 1000);
            _time.Advance(TimeSpan.FromTicks(Math.Max(0, now - _time.GetTimestamp()) * TimeSpan.TicksPerSecond / _time.TimestampFrequency));
            buffer.Push(new byte[] { (byte)sequence }, sequence, (uint)((ushort)(sequence - 60000) * 160), 0, false, _time.GetTimestamp());
            while (buffer.TryPop(_time.GetTimestamp(), _out, out JitterBufferFrame frame))
            {
                released.Add(frame.SequenceNumber);
            }
        }

        _time.Advance(TimeSpan.FromSeconds(1));
        while (buffer.TryPop(_time.GetTimestamp(), _out, out JitterBufferFrame frame))
        {
            released.Add(frame.SequenceNumber);
        }

        // Every release is unique and strictly increasing in extended order; nothing lost is released.
        for (int i = 1; i < released.Count; i++)
        {
            Assert.True((short)(ushort)(released[i] - released[i - 1]) > 0, $"out of order at {i}");
        }

        Assert.DoesNotContain(released, s => lost.Contains(s));
        JitterBufferStatistics stats = buffer.Statistics;
        Assert.Equal(released.Count, stats.Released);
        Assert.Equal(Packets, stats.Released + stats.Lost + stats.Late);
        Assert.True(stats.Duplicates > 0);
    }

    private JitterBufferPushResult Push(JitterBuffer buffer, ushort sequence, uint? timestamp = null) =>
        buffer.Push(new byte[] { (byte)sequence, 0, 0 }, sequence, timestamp ?? (uint)(sequence * 160), 0, false, _time.GetTimestamp());

    private ushort[] DrainSequences(JitterBuffer buffer, TimeSpan? wait = null)
    {
        var result = new List<ushort>();
        if (wait is { } w)
        {
            _time.Advance(w);
        }

        while (buffer.TryPop(_time.GetTimestamp(), _out, out JitterBufferFrame frame))
        {
            result.Add(frame.SequenceNumber);
        }

        return result.ToArray();
    }

    [Fact]
    public void Steady_state_push_and_pop_allocate_nothing()
    {
        var buffer = new JitterBuffer(_time);
        byte[] payload = new byte[160];
        long now = _time.GetTimestamp();
        for (int i = 0; i < 100; i++)
        {
            buffer.Push(payload, (ushort)i, (uint)(i * 160), 0, false, now + i);
            buffer.TryPop(now + i, _out, out _);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 100; i < 5000; i++)
        {
            // Swap neighbours so the reorder path runs too.
            int sequence = i % 2 == 0 ? i + 1 : i - 1;
            buffer.Push(payload, (ushort)sequence, (uint)(sequence * 160), 0, false, now + i);
            while (buffer.TryPop(now + i, _out, out _))
            {
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
