using Microsoft.Extensions.Time.Testing;
using Telepath.Media.Timing;

namespace Telepath.Media.Tests.Timing;

/// <summary>Hashed timer wheel: ordering, never early, cancellation with stale handles, many and far-future timers.</summary>
public sealed class TimerWheelTests
{
    private static readonly Action<object?> s_record = static state => ((Recorder)state!).Fire();

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Fires_in_due_order_and_never_before_the_due_time()
    {
        var wheel = new TimerWheel(_time);
        var fired = new List<int>();
        int[] delaysMs = [50, 5, 500, 12, 13, 11, 1000, 0];
        foreach (int delay in delaysMs)
        {
            wheel.Schedule(TimeSpan.FromMilliseconds(delay), s_record, new Recorder(fired, delay, _time, TimeSpan.FromMilliseconds(delay)));
        }

        for (int step = 0; step < 150; step++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(7));
            wheel.Advance();
        }

        Assert.Equal(delaysMs.Order(), fired);
        Assert.Equal(0, wheel.Count);
    }

    [Fact]
    public void Timers_due_in_the_same_tick_fire_in_due_order_then_schedule_order()
    {
        var wheel = new TimerWheel(_time);
        var fired = new List<int>();
        long now = _time.GetTimestamp();
        long ms = _time.TimestampFrequency / 1000;
        wheel.ScheduleAt(now + (9 * ms), s_record, new Recorder(fired, 3));
        wheel.ScheduleAt(now + (8 * ms), s_record, new Recorder(fired, 1));
        wheel.ScheduleAt(now + (9 * ms), s_record, new Recorder(fired, 4));
        wheel.ScheduleAt(now + (8 * ms), s_record, new Recorder(fired, 2));

        Assert.Equal(4, wheel.Advance(now + (10 * ms)));
        Assert.Equal(new[] { 1, 2, 3, 4 }, fired);
    }

    [Fact]
    public void Cancelled_timer_does_not_fire_and_a_stale_handle_cannot_cancel_a_reused_entry()
    {
        var wheel = new TimerWheel(_time);
        var fired = new List<int>();
        TimerHandle first = wheel.Schedule(TimeSpan.FromMilliseconds(30), s_record, new Recorder(fired, 1));
        Assert.True(wheel.Cancel(first));
        Assert.False(wheel.Cancel(first));

        // The freed entry is reused; the old handle's generation no longer matches.
        TimerHandle second = wheel.Schedule(TimeSpan.FromMilliseconds(30), s_record, new Recorder(fired, 2));
        Assert.Equal(first.Index, second.Index);
        Assert.False(wheel.Cancel(first));
        Assert.False(wheel.Cancel(default));

        _time.Advance(TimeSpan.FromMilliseconds(40));
        wheel.Advance();
        Assert.Equal(new[] { 2 }, fired);
        Assert.False(wheel.Cancel(second));
    }

    [Fact]
    public void Far_future_timers_survive_multiple_rotations()
    {
        // 64 slots × 10 ms = 640 ms per rotation; these are several rotations out.
        var wheel = new TimerWheel(_time, TimeSpan.FromMilliseconds(10), slots: 64);
        var fired = new List<int>();
        wheel.Schedule(TimeSpan.FromMilliseconds(2000), s_record, new Recorder(fired, 2000, _time, TimeSpan.FromMilliseconds(2000)));
        wheel.Schedule(TimeSpan.FromMilliseconds(650), s_record, new Recorder(fired, 650, _time, TimeSpan.FromMilliseconds(650)));
        wheel.Schedule(TimeSpan.FromMilliseconds(10), s_record, new Recorder(fired, 10, _time, TimeSpan.FromMilliseconds(10)));

        for (int step = 0; step < 300; step++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(10));
            wheel.Advance();
            if (step == 150)
            {
                Assert.Equal(new[] { 10, 650 }, fired);
            }
        }

        Assert.Equal(new[] { 10, 650, 2000 }, fired);
    }

    [Fact]
    public void A_long_stall_fires_everything_due_once_in_order()
    {
        var wheel = new TimerWheel(_time, TimeSpan.FromMilliseconds(10), slots: 16);
        var fired = new List<int>();
        for (int i = 0; i < 50; i++)
        {
            int delay = (i * 37) % 1000;
            wheel.Schedule(TimeSpan.FromMilliseconds(delay), s_record, new Recorder(fired, delay));
        }

        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(50, wheel.Advance());
        Assert.Equal(fired.Order(), fired);
        Assert.Equal(0, wheel.Advance());
    }

    [Fact]
    public void Many_timers_all_fire_and_the_pool_is_reused()
    {
        var wheel = new TimerWheel(_time, initialCapacity: 16);
        var counter = new Counter();
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 10_000; i++)
            {
                wheel.Schedule(TimeSpan.FromMilliseconds(i % 3000), static state => ((Counter)state!).Value++, counter);
            }

            _time.Advance(TimeSpan.FromSeconds(4));
            wheel.Advance();
        }

        Assert.Equal(30_000, counter.Value);
        Assert.Equal(0, wheel.Count);
    }

    [Fact]
    public async Task Scheduling_from_many_threads_while_advancing_loses_nothing()
    {
        var wheel = new TimerWheel(_time);
        var counter = new Counter();
        Task[] producers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 2_000; i++)
            {
                TimerHandle handle = wheel.Schedule(TimeSpan.FromMilliseconds(i % 100), static state => Interlocked.Increment(ref ((Counter)state!).Value), counter);
                if (i % 4 == 0)
                {
                    wheel.Cancel(handle);
                }
            }
        })).ToArray();

        // The driver advances concurrently with the producers.
        while (!producers.All(p => p.IsCompleted))
        {
            wheel.Advance();
            await Task.Yield();
        }

        await Task.WhenAll(producers);
        _time.Advance(TimeSpan.FromSeconds(1));
        wheel.Advance();
        // Fake time stood still while producing, so every cancel beat its timer: exactly 3 in 4 fire.
        Assert.Equal(4 * 1_500, counter.Value);
        Assert.Equal(0, wheel.Count);
    }

    private sealed class Counter
    {
        public int Value;
    }

    private sealed class Recorder(List<int> fired, int id, FakeTimeProvider? time = null, TimeSpan? due = null)
    {
        private readonly long _scheduledAt = time?.GetTimestamp() ?? 0;

        public void Fire()
        {
            if (time is not null && due is { } d)
            {
                long elapsed = time.GetTimestamp() - _scheduledAt;
                Assert.True(elapsed >= (long)(d.TotalSeconds * time.TimestampFrequency), $"timer {id} fired early");
            }

            fired.Add(id);
        }
    }

    [Fact]
    public void Steady_state_schedule_cancel_and_advance_allocate_nothing()
    {
        var wheel = new TimerWheel(_time, initialCapacity: 256);
        var counter = new Counter();
        Action<object?> callback = static state => ((Counter)state!).Value++;
        wheel.Schedule(TimeSpan.FromMilliseconds(1), callback, counter);
        _time.Advance(TimeSpan.FromMilliseconds(20));
        wheel.Advance();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 100; round++)
        {
            for (int i = 0; i < 50; i++)
            {
                TimerHandle handle = wheel.Schedule(TimeSpan.FromMilliseconds(i), callback, counter);
                if (i % 5 == 0)
                {
                    wheel.Cancel(handle);
                }
            }

            _time.Advance(TimeSpan.FromMilliseconds(60));
            wheel.Advance();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(100 * 40, counter.Value - 1);
        Assert.Equal(0, allocated);
    }
}
