using System.Diagnostics;
using System.Globalization;
using System.Net;
using HdrHistogram;
using System.Runtime.CompilerServices;
using Telepath.Media.Rtp;
using Telepath.Media.Rtp.Engine;

namespace Telepath.Load;

/// <summary>
/// Issue #7's relay load: N bidirectional G.711 streams at 50 packets/s each against one <see cref="RtpEngine"/>
/// whose consumer echoes every received frame back through the pacer (a local echo agent). The generator runs
/// in the same process on the same 2 cores: one sender thread pacing all N peers, and one reused
/// SocketAsyncEventArgs receive loop per peer socket. Each payload carries its send timestamp, so the echo's
/// arrival gives the delay the gateway added (receive → consumer → pacer → send, both kernels' loopback included).
/// </summary>
internal static class RtpRelayScenario
{
    public static async Task RunAsync(ScenarioArguments arguments)
    {
        int streams = arguments.Concurrency;
        var options = new RtpEngineOptions
        {
            BindAddress = IPAddress.Loopback,
            FirstPort = 30000,
            LastPort = 30000 + (streams * 2) + 200,
            MediaTimeout = TimeSpan.Zero,
            EpollReceive = arguments.Epoll,
            KernelArrivalTimestamps = true,
        };
        await using var engine = new RtpEngine(options);
        var peers = new RtpPeer[streams];
        var streamsOpened = new RtpStream[streams];
        var histogram = new LongConcurrentHistogram(1, 10_000_000, 3);
        for (int i = 0; i < streams; i++)
        {
            var echo = new EchoConsumer();
            if (!engine.TryOpenStream(new RtpStreamSettings(0), echo, out RtpStream? stream))
            {
                throw new InvalidOperationException("could not open stream " + i);
            }

            echo.Stream = stream;
            streamsOpened[i] = stream;
            peers[i] = new RtpPeer(histogram, 0x5EED0000u + (uint)i);
            peers[i].Connect(stream.Ports.Rtp);
        }

        var warmUp = TimeSpan.FromSeconds(2);
        var measured = TimeSpan.FromSeconds(arguments.Seconds);
        using var stop = new ManualResetEventSlim(false, 1);
        var measuring = new StrongBox<bool>();
        var sender = new Thread(() => RtpPacedSender.Run(peers, stop, measuring)) { IsBackground = true, Name = "phones-pacer" };
        sender.Start();

        await Task.Delay(warmUp);
        histogram.Reset();
        foreach (RtpPeer peer in peers)
        {
            peer.ResetCounts();
        }

        var process = Process.GetCurrentProcess();
        TimeSpan cpuStart = process.TotalProcessorTime;
        long allocatedStart = GC.GetTotalAllocatedBytes(true);
        int[] collectionsStart = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var wall = Stopwatch.StartNew();
        measuring.Value = true;
        await Task.Delay(measured);
        measuring.Value = false;
        await Task.Delay(500);
        wall.Stop();
        process.Refresh();
        TimeSpan cpu = process.TotalProcessorTime - cpuStart;
        long allocated = GC.GetTotalAllocatedBytes(true) - allocatedStart;
        int[] collections = [GC.CollectionCount(0) - collectionsStart[0], GC.CollectionCount(1) - collectionsStart[1], GC.CollectionCount(2) - collectionsStart[2]];
        stop.Set();
        sender.Join();

        (long sent, long received) = RelayReport.Totals(peers);
        long underruns = 0, shifts = 0, skipped = 0;
        double sendP99 = 0, receiveP99 = 0;
        foreach (RtpStream stream in streamsOpened)
        {
            RtpStreamStatistics statistics = stream.GetStatistics();
            underruns += statistics.Underruns;
            shifts += statistics.PhaseShifts;
            skipped += statistics.FramesSkipped;
            sendP99 = Math.Max(sendP99, statistics.SendP99Microseconds);
            receiveP99 = Math.Max(receiveP99, statistics.ReceiveP99Microseconds);
        }

        foreach (RtpPeer peer in peers)
        {
            peer.Dispose();
        }

        double seconds = measured.TotalSeconds;
        Console.WriteLine(FormattableString.Invariant(
            $"rtp-relay streams={streams} {seconds:0} s, {Environment.ProcessorCount} cores shared by engine and generator, receive {(engine.MediaThreads is { } loops ? $"{loops.Count} epoll threads" : "socket async")}"));
        Console.WriteLine(FormattableString.Invariant(
            $"  engine packets/s (in+out): {RelayReport.Traffic(sent, received, seconds)}"));
        Console.WriteLine(FormattableString.Invariant(
            $"  added delay (send -> echo arrival): {RelayReport.Delay(histogram)}"));
        Console.WriteLine(FormattableString.Invariant(
            $"  engine, whole run: worst stream p99 kernel arrival -> echo queued {receiveP99 / 1000:0.000} ms, ready -> sent {sendP99 / 1000:0.000} ms; underruns {underruns}, phase moves {shifts}, frames skipped {skipped}"));
        Console.WriteLine(FormattableString.Invariant(
            $"  CPU {cpu.TotalSeconds / wall.Elapsed.TotalSeconds * 100:0} % of one core ({cpu.TotalSeconds / wall.Elapsed.TotalSeconds / Environment.ProcessorCount * 100:0} % of the machine), allocated {allocated / Math.Max(1, sent + received):0.0} B per packet (generator included), garbage collections gen0/1/2 {collections[0]}/{collections[1]}/{collections[2]}"));
    }

    private sealed class EchoConsumer : IRtpStreamConsumer
    {
        public RtpStream? Stream { get; set; }

        public void OnAudio(ReadOnlySpan<byte> payload, uint timestamp, int lostBefore, long arrival) => Stream!.EnqueueAudio(payload);

        public void OnDtmf(DtmfEvent dtmf)
        {
        }

        public void OnTimeout()
        {
        }
    }
}
