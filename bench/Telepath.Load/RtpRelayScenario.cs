using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HdrHistogram;
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
        };
        await using var engine = new RtpEngine(options);
        var peers = new Peer[streams];
        var histogram = new LongConcurrentHistogram(1, 10_000_000, 3);
        for (int i = 0; i < streams; i++)
        {
            var echo = new EchoConsumer();
            if (!engine.TryOpenStream(new RtpStreamSettings(0), echo, out RtpStream? stream))
            {
                throw new InvalidOperationException("could not open stream " + i);
            }

            echo.Stream = stream;
            peers[i] = new Peer(stream.Ports.Rtp, histogram);
        }

        var warmUp = TimeSpan.FromSeconds(2);
        var measured = TimeSpan.FromSeconds(arguments.Seconds);
        using var stop = new ManualResetEventSlim(false, 1);
        var measuring = new StrongBox<bool>();
        var sender = new Thread(() => SendLoop(peers, stop, measuring)) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
        sender.Start();

        await Task.Delay(warmUp);
        histogram.Reset();
        foreach (Peer peer in peers)
        {
            peer.ResetCounts();
        }

        var process = Process.GetCurrentProcess();
        TimeSpan cpuStart = process.TotalProcessorTime;
        long allocatedStart = GC.GetTotalAllocatedBytes(true);
        var wall = Stopwatch.StartNew();
        measuring.Value = true;
        await Task.Delay(measured);
        measuring.Value = false;
        await Task.Delay(500);
        wall.Stop();
        process.Refresh();
        TimeSpan cpu = process.TotalProcessorTime - cpuStart;
        long allocated = GC.GetTotalAllocatedBytes(true) - allocatedStart;
        stop.Set();
        sender.Join();

        long sent = 0;
        long received = 0;
        foreach (Peer peer in peers)
        {
            sent += peer.Sent;
            received += peer.Received;
            peer.Dispose();
        }

        double seconds = measured.TotalSeconds;
        double loss = sent == 0 ? 0 : 100.0 * (sent - received) / sent;
        Console.WriteLine(FormattableString.Invariant(
            $"rtp-relay streams={streams} {seconds:0} s, {Environment.ProcessorCount} cores shared by engine and generator"));
        Console.WriteLine(FormattableString.Invariant(
            $"  engine packets/s (in+out): {(sent + received) / seconds:0}   sent {sent}, echoed {received}, loss {loss:0.000} %"));
        Console.WriteLine(FormattableString.Invariant(
            $"  added delay (send -> echo arrival): p50 {histogram.GetValueAtPercentile(50) / 1000.0:0.000} ms, p99 {histogram.GetValueAtPercentile(99) / 1000.0:0.000} ms, p99.9 {histogram.GetValueAtPercentile(99.9) / 1000.0:0.000} ms, max {histogram.GetMaxValue() / 1000.0:0.000} ms"));
        Console.WriteLine(FormattableString.Invariant(
            $"  echo frames trimmed by the 40 ms playout cap (whole run): {Interlocked.Read(ref EchoConsumer.Trimmed)}"));
        Console.WriteLine(FormattableString.Invariant(
            $"  CPU {cpu.TotalSeconds / wall.Elapsed.TotalSeconds * 100:0} % of one core ({cpu.TotalSeconds / wall.Elapsed.TotalSeconds / Environment.ProcessorCount * 100:0} % of the machine), allocated {allocated / Math.Max(1, sent + received):0.0} B per packet (generator included)"));
    }

    private static void SendLoop(Peer[] peers, ManualResetEventSlim stop, StrongBox<bool> measuring)
    {
        long frame = Stopwatch.Frequency / 50;
        long start = Stopwatch.GetTimestamp();
        var next = new long[peers.Length];
        for (int i = 0; i < peers.Length; i++)
        {
            // Stagger the streams across the 20 ms slot, as independent calls would be.
            next[i] = start + (frame * i / peers.Length);
        }

        while (!stop.IsSet)
        {
            long now = Stopwatch.GetTimestamp();
            bool counting = Volatile.Read(ref measuring.Value);
            for (int i = 0; i < peers.Length; i++)
            {
                if (now >= next[i])
                {
                    // A phone never bursts to catch up: after a stall it just resumes, so no backlog is manufactured.
                    peers[i].Send(counting);
                    next[i] += frame;
                    if (now >= next[i])
                    {
                        next[i] = now + frame;
                    }
                }
            }

            stop.Wait(1);
        }
    }

    private sealed class StrongBox<T>
    {
        public T? Value;
    }

    private sealed class EchoConsumer : IRtpStreamConsumer
    {
        public RtpStream? Stream { get; set; }

        public static long Trimmed;

        public void OnAudio(ReadOnlySpan<byte> payload, uint timestamp, int lostBefore)
        {
            // An echo agent with a 40 ms playout cap: after a scheduling stall delivers a burst, the input rate equals
            // the output rate and the backlog would never drain, so stale frames are dropped instead of delaying all later ones.
            if (Stream!.QueuedFrames >= 2)
            {
                Interlocked.Add(ref Trimmed, Stream.Flush());
            }

            Stream.EnqueueAudio(payload);
        }

        public void OnDtmf(DtmfEvent dtmf)
        {
        }

        public void OnTimeout()
        {
        }
    }

    private sealed class Peer : IDisposable
    {
        private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        private readonly SocketAddress _target;
        private readonly byte[] _packet = new byte[172];
        private readonly SocketAsyncEventArgs _receive = new();
        private readonly LongConcurrentHistogram _histogram;
        private ushort _sequence;
        private uint _timestamp;
        private long _sent;
        private long _received;

        public Peer(int port, LongConcurrentHistogram histogram)
        {
            _histogram = histogram;
            _socket.ReceiveBufferSize = 256 * 1024;
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _target = new IPEndPoint(IPAddress.Loopback, port).Serialize();
            _receive.SetBuffer(new byte[2048], 0, 2048);
            _receive.RemoteEndPoint = new IPEndPoint(IPAddress.Any, 0);
            _receive.Completed += (_, e) =>
            {
                if (OnReceived(e))
                {
                    ReceiveLoop();
                }
            };
            ReceiveLoop();
        }

        public long Sent => Volatile.Read(ref _sent);

        public long Received => Volatile.Read(ref _received);

        public void ResetCounts()
        {
            Volatile.Write(ref _sent, 0);
            Volatile.Write(ref _received, 0);
        }

        public void Send(bool counting)
        {
            RtpPacketWriter.TryWriteHeader(_packet, false, 0, _sequence++, _timestamp += 160, 0x5EED0000);
            BinaryPrimitives.WriteInt64LittleEndian(_packet.AsSpan(12), Stopwatch.GetTimestamp());
            _packet[20] = counting ? (byte)1 : (byte)0;
            _socket.SendTo(_packet, SocketFlags.None, _target);
            if (counting)
            {
                Interlocked.Increment(ref _sent);
            }
        }

        public void Dispose()
        {
            _socket.Dispose();
            _receive.Dispose();
        }

        private void ReceiveLoop()
        {
            try
            {
                while (!_socket.ReceiveFromAsync(_receive))
                {
                    if (!OnReceived(_receive))
                    {
                        return;
                    }
                }
            }
            catch (ObjectDisposedException)
            {
            }
        }

        private bool OnReceived(SocketAsyncEventArgs e)
        {
            long arrival = Stopwatch.GetTimestamp();
            if (e.SocketError != SocketError.Success)
            {
                return false;
            }

            ReadOnlySpan<byte> packet = e.Buffer.AsSpan(0, e.BytesTransferred);
            if (packet.Length >= 21 && packet[20] == 1)
            {
                long sentAt = BinaryPrimitives.ReadInt64LittleEndian(packet[12..]);
                _histogram.RecordValue(Math.Max(1, (arrival - sentAt) * 1_000_000 / Stopwatch.Frequency));
                Interlocked.Increment(ref _received);
            }

            return true;
        }
    }
}
