using BenchmarkDotNet.Attributes;
using Telepath.Media.Codecs;

namespace Telepath.Benchmarks;

/// <summary>G.711 conversion of one 20 ms frame (160 samples) each way.</summary>
[MemoryDiagnoser]
public class G711Benchmarks
{
    private readonly short[] _pcm = new short[160];
    private readonly byte[] _payload = new byte[160];

    /// <summary>Fills the frame with a speech-like level sweep.</summary>
    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < _pcm.Length; i++)
        {
            _pcm[i] = (short)(12000 * Math.Sin(i * 0.3) * Math.Cos(i * 0.05));
        }

        MuLawCodec.EncodeBlock(_pcm, _payload);
    }

    /// <summary>PCM16 → μ-law, 160 samples.</summary>
    [Benchmark]
    public void MuLawEncode160() => MuLawCodec.EncodeBlock(_pcm, _payload);

    /// <summary>μ-law → PCM16, 160 samples.</summary>
    [Benchmark]
    public void MuLawDecode160() => MuLawCodec.DecodeBlock(_payload, _pcm);

    /// <summary>PCM16 → A-law, 160 samples.</summary>
    [Benchmark]
    public void ALawEncode160() => ALawCodec.EncodeBlock(_pcm, _payload);

    /// <summary>A-law → PCM16, 160 samples.</summary>
    [Benchmark]
    public void ALawDecode160() => ALawCodec.DecodeBlock(_payload, _pcm);
}
