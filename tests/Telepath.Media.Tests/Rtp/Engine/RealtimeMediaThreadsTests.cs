using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Telepath.Media.Rtp.Engine;

namespace Telepath.Media.Tests.Rtp.Engine;

/// <summary>Media threads ask for SCHED_FIFO 1; where that is refused they carry on as they were and say so once.</summary>
public sealed class RealtimeMediaThreadsTests
{
    private const int SchedOther = 0;
    private const int SchedFifo = 1;
    private const int ResetOnFork = 0x40000000;

    [Fact]
    public void Each_media_thread_becomes_real_time_or_the_refusal_is_logged_once()
    {
        var logger = new CountingLogger();
        var realtime = new RealtimeMediaThreads(enabled: true, logger);

        int[] policies = RunOnThreads(2, realtime.Enter);

        if (policies.All(policy => policy == SchedFifo))
        {
            Assert.Equal(0, logger.Entries);
        }
        else
        {
            // Without CAP_SYS_NICE or an RLIMIT_RTPRIO: both threads stay in the normal class, one line says why.
            Assert.All(policies, policy => Assert.Equal(SchedOther, policy));
            Assert.Equal(1, logger.Entries);
        }
    }

    [Fact]
    public void A_thread_started_by_a_real_time_media_thread_starts_in_the_normal_class()
    {
        var realtime = new RealtimeMediaThreads(enabled: true, new CountingLogger());
        int parent = -1;
        int child = -1;
        var thread = new Thread(() =>
        {
            _ = realtime.Enter();
            parent = GetScheduler(0) & ~ResetOnFork;

            // As a thread-pool worker injected from this thread would be.
            var started = new Thread(() => child = GetScheduler(0));
            started.Start();
            started.Join();
        });
        thread.Start();
        thread.Join();

        Assert.Equal(SchedOther, child);
        Assert.True(parent is SchedFifo or SchedOther);
    }

    [Fact]
    public void Switched_off_it_leaves_the_thread_in_the_normal_class()
    {
        var logger = new CountingLogger();

        int[] policies = RunOnThreads(1, new RealtimeMediaThreads(enabled: false, logger).Enter);

        Assert.Equal(SchedOther, policies[0]);
        Assert.Equal(0, logger.Entries);
    }

    private static int[] RunOnThreads(int count, Func<bool> enter)
    {
        var policies = new int[count];
        var reported = new bool[count];
        Thread[] threads = [.. Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            reported[i] = enter();
            policies[i] = GetScheduler(0) & ~ResetOnFork;
        }))];
        Array.ForEach(threads, thread => thread.Start());
        Array.ForEach(threads, thread => thread.Join());

        // Enter's answer is what the media thread acts on (it yields its core only as a real-time thread).
        Assert.Equal(policies.Select(policy => policy == SchedFifo), reported);
        return policies;
    }

    [DllImport("libc", EntryPoint = "sched_getscheduler")]
    private static extern int GetScheduler(int pid);

    private sealed class CountingLogger : ILogger
    {
        private int _entries;

        public int Entries => Volatile.Read(ref _entries);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Interlocked.Increment(ref _entries);
    }
}
