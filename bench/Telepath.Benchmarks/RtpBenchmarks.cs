using BenchmarkDotNet.Attributes;
using Telepath.Media.Codecs;
using Telepath.Media.Rtp;

namespace Telepath.Benchmarks;

/// <summary>
/// The per-packet work of both directions of a G.711 call: receive (parse, jitter buffer, decode) and
/// send (encode straight into the packet after its header).
/// </summary>
[MemoryDiagnoser]
public class RtpBenchmarks
{
    private readonly byte[] _packet = new byte[172];
    private readonly byte[] _payload = new byte[480];
    private readonly short[] _pcm = new short[160];
    private readonly byte[] _sendBuffer = new byte[1500];
    private JitterBuffer _jitterBuffer = null!;
    private ushort _sequence;
    private uint _timestamp;
    private long _now;

    /// <summary>Builds a μ-law packet and a jitter buffer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < _pcm.Length; i++)
        {
            _pcm[i] = (short)(9000 * Math.Sin(i * 0.4));
        }

        byte[] payload = new byte[160];
        MuLawCodec.EncodeBlock(_pcm, payload);
        RtpPacketWriter.TryWrite(_packet, false, 0, 0, 0, 0x1234, payload, out _);
        _jitterBuffer = new JitterBuffer(TimeProvider.System);
    }

    /// <summary>Receive one packet: parse the header, push and pop the jitter buffer, decode 160 bytes.</summary>
    [Benchmark]
    public int ReceivePacket()
    {
        // Rewrite the sequence and timestamp so every iteration is a fresh in-order packet.
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(_packet.AsSpan(2), _sequence++);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(_packet.AsSpan(4), _timestamp += 160);
        _now += 20;
        if (!RtpHeader.TryParse(_packet, out RtpHeader header))
        {
            return -1;
        }

        _jitterBuffer.Push(header, _now);
        if (!_jitterBuffer.TryPop(_now, _payload, out JitterBufferFrame frame))
        {
            return -1;
        }

        MuLawCodec.DecodeBlock(_payload.AsSpan(0, frame.PayloadLength), _pcm);
        return frame.PayloadLength;
    }

    /// <summary>Send one packet: write the RTP header and encode 160 PCM samples into the payload.</summary>
    [Benchmark]
    public int SendPacket()
    {
        RtpPacketWriter.TryWriteHeader(_sendBuffer, false, 0, _sequence++, _timestamp += 160, 0x1234);
        MuLawCodec.EncodeBlock(_pcm, _sendBuffer.AsSpan(RtpHeader.FixedLength));
        return RtpHeader.FixedLength + _pcm.Length;
    }
}
