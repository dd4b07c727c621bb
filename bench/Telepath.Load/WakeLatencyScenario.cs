using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HdrHistogram;
using Telepath.Media.Rtp.Engine;

namespace Telepath.Load;

/// <summary>
/// The machine's floor for a frame changing threads: how long a sleeping thread takes to run after it was signalled,
/// with nothing else running. Every thread hand-off in a bridged frame's path (RTP socket → receive thread → agent
/// socket → agent's thread, and back) pays at least this, so it says how much of a per-direction figure is the
/// machine and how much is Telepath. On a VM whose idle vCPUs halt (no guest halt polling), waking a thread on
/// the other, idle vCPU goes through the hypervisor.
/// </summary>
internal static class WakeLatencyScenario
{
    private static readonly TimeSpan s_gap = TimeSpan.FromMilliseconds(2);

    public static Task RunAsync(ScenarioArguments arguments)
    {
        int samples = Math.Max(100, (int)(arguments.Seconds * 1000 / s_gap.TotalMilliseconds) / 3);
        Console.WriteLine(FormattableString.Invariant(
            $"wake-latency {samples} samples per line, one every {s_gap.TotalMilliseconds:0} ms (the cores idle in between), {Environment.ProcessorCount} cores"));
        Print("thread -> sleeping thread (futex wake)", ThreadToThread(samples));
        Print("thread -> thread pool work item", ThreadToPool(samples));
        Print("UDP datagram, kernel arrival -> blocked recv returns", DatagramToThread(samples));
        return Task.CompletedTask;
    }

    private static LongHistogram ThreadToThread(int samples)
    {
        var histogram = new LongHistogram(10_000_000, 3);
        using var signal = new AutoResetEvent(false);
        long sentAt = 0;
        var waiter = new Thread(() =>
        {
            for (int i = 0; i < samples; i++)
            {
                signal.WaitOne();
                histogram.RecordValue(Microseconds(Volatile.Read(ref sentAt), Stopwatch.GetTimestamp()));
            }
        }) { IsBackground = true };
        waiter.Start();
        for (int i = 0; i < samples; i++)
        {
            Thread.Sleep(s_gap);
            Volatile.Write(ref sentAt, Stopwatch.GetTimestamp());
            signal.Set();
        }

        waiter.Join();
        return histogram;
    }

    private static LongHistogram ThreadToPool(int samples)
    {
        var histogram = new LongHistogram(10_000_000, 3);
        using var done = new CountdownEvent(samples);
        for (int i = 0; i < samples; i++)
        {
            Thread.Sleep(s_gap);
            ThreadPool.UnsafeQueueUserWorkItem(
                static state =>
                {
                    state.Histogram.RecordValue(Microseconds(state.Queued, Stopwatch.GetTimestamp()));
                    state.Done.Signal();
                },
                (Histogram: histogram, Queued: Stopwatch.GetTimestamp(), Done: done),
                preferLocal: false);
        }

        done.Wait();
        return histogram;
    }

    private static LongHistogram DatagramToThread(int samples)
    {
        var histogram = new LongHistogram(10_000_000, 3);
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sender.Connect(receiver.LocalEndPoint!);
        KernelArrivalClock? clock = KernelArrivalClock.IsSupported ? new KernelArrivalClock(TimeProvider.System) : null;
        clock?.Enable(receiver);
        var reader = new Thread(() =>
        {
            var buffer = new byte[16];
            for (int i = 0; i < samples; i++)
            {
                receiver.Receive(buffer);
                long now = Stopwatch.GetTimestamp();
                long arrival = clock?.ArrivalOf(receiver, now) ?? BitConverter.ToInt64(buffer);
                histogram.RecordValue(Microseconds(arrival, now));
            }
        }) { IsBackground = true };
        reader.Start();

        // The kernel turns receive stamping on lazily: give it a head start, as a stream's socket has in service.
        Thread.Sleep(100);
        var payload = new byte[16];
        for (int i = 0; i < samples; i++)
        {
            Thread.Sleep(s_gap);
            BitConverter.TryWriteBytes(payload, Stopwatch.GetTimestamp());
            sender.Send(payload);
        }

        reader.Join();
        return histogram;
    }

    private static long Microseconds(long start, long end) => Math.Max(0, (end - start) * 1_000_000 / Stopwatch.Frequency);

    private static void Print(string what, LongHistogram histogram) =>
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {what,-52} p50 {histogram.GetValueAtPercentile(50)} µs, p99 {histogram.GetValueAtPercentile(99)} µs, p99.9 {histogram.GetValueAtPercentile(99.9)} µs, max {histogram.GetMaxValue()} µs"));
}
