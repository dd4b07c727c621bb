using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Telepath.Media.Rtp;
using Telepath.Media.Rtp.Engine;

namespace Telepath.Benchmarks;

/// <summary>
/// The engine's per-packet paths without the kernel: receive (validate, latch check, statistics, jitter buffer,
/// consumer callback) and send (enqueue a frame, pace it out with a real SendTo on loopback). Both must be 0 B.
/// </summary>
[MemoryDiagnoser]
public class RtpEngineBenchmarks
{
    private readonly byte[] _packet = new byte[172];
    private readonly byte[] _frame = new byte[160];
    private readonly IPEndPoint _from = new(IPAddress.Loopback, 40000);
    private RtpEngine _engine = null!;
    private RtpStream _stream = null!;
    private Socket _sink = null!;
    private ushort _sequence;
    private uint _timestamp;

    /// <summary>Opens one stream whose remote is a socket nobody reads (the kernel drops the overflow).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _sink = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _sink.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _engine = new RtpEngine(new RtpEngineOptions
        {
            FirstPort = 44000, LastPort = 44099, MediaTimeout = TimeSpan.Zero, RtcpInterval = TimeSpan.Zero,
        });
        _engine.TryOpenStream(new RtpStreamSettings(0, 101, (IPEndPoint)_sink.LocalEndPoint!), new NullConsumer(), out RtpStream? stream);
        _stream = stream!;
        RtpPacketWriter.TryWrite(_packet, false, 0, 0, 0, 0x1234, new byte[160], out _);
    }

    /// <summary>Closes the engine.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _engine.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _sink.Dispose();
    }

    /// <summary>One in-order packet from the latched source up to the consumer's OnAudio.</summary>
    [Benchmark]
    public void ReceivePacket()
    {
        BinaryPrimitives.WriteUInt16BigEndian(_packet.AsSpan(2), _sequence++);
        BinaryPrimitives.WriteUInt32BigEndian(_packet.AsSpan(4), _timestamp += 160);
        _stream.OnRtpDatagram(_packet, _from, Stopwatch.GetTimestamp());
    }

    /// <summary>Enqueue one 20 ms frame into a silent stream and let the pacing step send it (header, copy, SendTo with a SocketAddress).</summary>
    [Benchmark]
    public void SendFrame()
    {
        // Flush marks the stream silent, so the enqueue re-anchors the schedule and the frame is due at once.
        _stream.Flush();
        _stream.EnqueueAudio(_frame);
        _stream.Pace(Stopwatch.GetTimestamp());
    }

    private sealed class NullConsumer : IRtpStreamConsumer
    {
        public void OnAudio(ReadOnlySpan<byte> payload, uint timestamp, int lostBefore, long arrival)
        {
        }

        public void OnDtmf(DtmfEvent dtmf)
        {
        }

        public void OnTimeout()
        {
        }
    }
}
