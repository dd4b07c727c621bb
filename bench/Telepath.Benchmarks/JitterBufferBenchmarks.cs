using BenchmarkDotNet.Attributes;
using Telepath.Media.Rtp;

namespace Telepath.Benchmarks;

/// <summary>Jitter buffer cost per packet: in order, and with pairs swapped (every packet reordered or held).</summary>
[MemoryDiagnoser]
public class JitterBufferBenchmarks
{
    private readonly byte[] _payload = new byte[160];
    private readonly byte[] _output = new byte[480];
    private JitterBuffer _buffer = null!;
    private int _index;

    /// <summary>Creates the buffer.</summary>
    [GlobalSetup]
    public void Setup() => _buffer = new JitterBuffer(TimeProvider.System);

    /// <summary>Push then pop an in-order packet.</summary>
    [Benchmark]
    public bool InOrderPushPop()
    {
        int i = _index++;
        _buffer.Push(_payload, (ushort)i, (uint)(i * 160), 0, false, i * 20L);
        return _buffer.TryPop(i * 20L, _output, out _);
    }

    /// <summary>Push two packets in swapped order and pop both (per operation: two packets).</summary>
    [Benchmark]
    public int SwappedPairPushPop()
    {
        int i = _index;
        _index += 2;
        _buffer.Push(_payload, (ushort)(i + 1), (uint)((i + 1) * 160), 0, false, i * 20L);
        _buffer.TryPop(i * 20L, _output, out _);
        _buffer.Push(_payload, (ushort)i, (uint)(i * 160), 0, false, (i * 20L) + 5);
        int released = 0;
        while (_buffer.TryPop((i * 20L) + 5, _output, out _))
        {
            released++;
        }

        return released;
    }
}
