using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Telepath.Media.Agents;
using Telepath.Media.Bridge;
using Telepath.Media.Edge;
using Telepath.Media.Rtp;
using Telepath.Media.Rtp.Engine;

namespace Telepath.Benchmarks;

/// <summary>
/// The bridge's per-frame carrier → agent path: <see cref="CarrierLeg.OnAudio"/> straight into
/// <see cref="IAgentConnection.SendAudio"/> (passthrough and with a mid-call PCMA → PCMU conversion), the same behind
/// the RTP engine's receive path (datagram → jitter buffer → leg → agent), and the per-sent-frame playout report.
/// The agent is a counting stub: the adapters' own serialisation cost is in the Agent*Benchmarks. Goal: 0 B.
/// </summary>
[MemoryDiagnoser]
public class BridgeBenchmarks
{
    private readonly byte[] _frame = new byte[160];
    private readonly byte[] _packet = new byte[172];
    private readonly IPEndPoint _from = new(IPAddress.Loopback, 40002);
    private CountingAgent _agent = null!;
    private CarrierLeg _passthrough = null!;
    private CarrierLeg _transcoding = null!;
    private RtpEngine _engine = null!;
    private RtpStream _stream = null!;
    private ushort _sequence;
    private uint _timestamp;

    /// <summary>Builds the legs and one engine stream feeding a leg.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _agent = new CountingAgent();
        _passthrough = new CarrierLeg(_agent, AgentAudioFormat.MuLaw8000, TimeProvider.System);
        _transcoding = new CarrierLeg(_agent, AgentAudioFormat.MuLaw8000, TimeProvider.System) { CarrierFormat = AgentAudioFormat.ALaw8000 };
        _engine = new RtpEngine(new RtpEngineOptions { FirstPort = 44200, LastPort = 44299, MediaTimeout = TimeSpan.Zero, RtcpInterval = TimeSpan.Zero });
        _engine.TryOpenStream(new RtpStreamSettings(0, 101), new CarrierLeg(_agent, AgentAudioFormat.MuLaw8000, TimeProvider.System), out RtpStream? stream);
        _stream = stream!;
        RtpPacketWriter.TryWrite(_packet, false, 0, 0, 0, 0x1234, _frame, out _);
    }

    /// <summary>Closes the engine.</summary>
    [GlobalCleanup]
    public void Cleanup() => _engine.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>One 20 ms μ-law frame from the engine callback to the agent's send call.</summary>
    [Benchmark(Baseline = true)]
    public void ForwardFrame() => _passthrough.OnAudio(_frame, 0, 0, 0);

    /// <summary>The same after the carrier switched to PCMA: converted on the stack to the agent's μ-law.</summary>
    [Benchmark]
    public void ForwardFrameTranscoded() => _transcoding.OnAudio(_frame, 0, 0, 0);

    /// <summary>One RTP datagram through the engine's receive path (validate, latch, statistics, jitter buffer) into the leg and the agent.</summary>
    [Benchmark]
    public void ForwardPacketThroughEngine()
    {
        BinaryPrimitives.WriteUInt16BigEndian(_packet.AsSpan(2), _sequence++);
        BinaryPrimitives.WriteUInt32BigEndian(_packet.AsSpan(4), _timestamp += 160);
        _stream.OnRtpDatagram(_packet, _from, Stopwatch.GetTimestamp());
    }

    /// <summary>The pacing thread's report of one sent agent frame (played counters + MarkPlayed).</summary>
    [Benchmark]
    public void ReportFrameSent() => _passthrough.OnAudioSent(160);

    private sealed class CountingAgent : IAgentConnection
    {
        private readonly Channel<AgentEvent> _events = Channel.CreateUnbounded<AgentEvent>();
        private long _bytes;

        public AgentProvider Provider => AgentProvider.Custom;

        public AgentAudioFormat NativeFormat => AgentAudioFormat.MuLaw8000;

        public bool Transcodes => false;

        public ChannelReader<AgentEvent> Events => _events.Reader;

        public LatencyHistogram CallerAudioLatency { get; } = new(Stopwatch.Frequency);

        public bool SendAudio(ReadOnlySpan<byte> frame, long heldSince)
        {
            _bytes += frame[0] + frame.Length;
            return true;
        }

        public bool SendDtmf(char digit) => true;

        public void MarkPlayed(int byteCount) => _bytes += byteCount;

        public ValueTask CloseAsync(string reason, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
