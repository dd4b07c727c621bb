using BenchmarkDotNet.Attributes;
using Telepath.Media.Codecs;

namespace Telepath.Benchmarks;

/// <summary>Resampling one 20 ms frame between the carrier's 8 kHz and an agent's 16/24 kHz.</summary>
[MemoryDiagnoser]
public class ResamplerBenchmarks
{
    private readonly Resampler _up24 = new(8000, 24000);
    private readonly Resampler _down24 = new(24000, 8000);
    private readonly Resampler _up16 = new(8000, 16000);
    private readonly Resampler _down16 = new(16000, 8000);
    private readonly short[] _frame8 = new short[160];
    private readonly short[] _frame16 = new short[320];
    private readonly short[] _frame24 = new short[480];
    private readonly short[] _output = new short[512];

    /// <summary>Fills the frames with a tone.</summary>
    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < _frame24.Length; i++)
        {
            _frame24[i] = (short)(8000 * Math.Sin(i * 0.26));
        }

        for (int i = 0; i < _frame16.Length; i++)
        {
            _frame16[i] = (short)(8000 * Math.Sin(i * 0.39));
        }

        for (int i = 0; i < _frame8.Length; i++)
        {
            _frame8[i] = (short)(8000 * Math.Sin(i * 0.78));
        }
    }

    /// <summary>20 ms, 8 kHz → 24 kHz (160 → 480 samples).</summary>
    [Benchmark]
    public int Upsample8kTo24k() => _up24.Process(_frame8, _output);

    /// <summary>20 ms, 24 kHz → 8 kHz (480 → 160 samples).</summary>
    [Benchmark]
    public int Downsample24kTo8k() => _down24.Process(_frame24, _output);

    /// <summary>20 ms, 8 kHz → 16 kHz (160 → 320 samples).</summary>
    [Benchmark]
    public int Upsample8kTo16k() => _up16.Process(_frame8, _output);

    /// <summary>20 ms, 16 kHz → 8 kHz (320 → 160 samples).</summary>
    [Benchmark]
    public int Downsample16kTo8k() => _down16.Process(_frame16, _output);
}
