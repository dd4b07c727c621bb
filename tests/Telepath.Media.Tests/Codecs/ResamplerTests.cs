using Telepath.Media.Codecs;

namespace Telepath.Media.Tests.Codecs;

/// <summary>Polyphase resampler: amplitude, SNR, stopband rejection, frame continuity and stated group delay.</summary>
public sealed class ResamplerTests
{
    [Theory]
    [InlineData(8000, 16000)]
    [InlineData(16000, 8000)]
    [InlineData(8000, 24000)]
    [InlineData(24000, 8000)]
    [InlineData(16000, 24000)]
    [InlineData(24000, 16000)]
    public void One_kilohertz_tone_keeps_amplitude_within_half_a_decibel_and_snr_above_40_db(int inputRate, int outputRate)
    {
        const double Amplitude = 10000;
        short[] input = Tone(1000, inputRate, Amplitude, inputRate);
        short[] output = ResampleInFrames(new Resampler(inputRate, outputRate), input, inputRate / 50);

        (double amplitude, double snr) = FitTone(output, 1000, outputRate, skip: outputRate / 50);
        double gainDb = 20 * Math.Log10(amplitude / Amplitude);
        Assert.InRange(gainDb, -0.5, 0.5);
        Assert.True(snr > 40, $"SNR {snr:F1} dB");
    }

    [Theory]
    [InlineData(16000, 6000)]
    [InlineData(24000, 6000)]
    [InlineData(24000, 9000)]
    public void Tone_above_the_output_nyquist_is_attenuated_by_at_least_40_db(int inputRate, int frequency)
    {
        const double Amplitude = 10000;
        short[] input = Tone(frequency, inputRate, Amplitude, inputRate);
        short[] output = ResampleInFrames(new Resampler(inputRate, 8000), input, inputRate / 50);

        double rms = Rms(output.AsSpan(400, output.Length - 800));
        double attenuationDb = 20 * Math.Log10((Amplitude / Math.Sqrt(2)) / Math.Max(rms, 1e-9));
        Assert.True(attenuationDb >= 40, $"only {attenuationDb:F1} dB");
    }

    [Theory]
    [InlineData(8000, 24000)]
    [InlineData(24000, 8000)]
    [InlineData(16000, 24000)]
    [InlineData(24000, 16000)]
    public void Feeding_20_ms_frames_gives_the_same_output_as_feeding_everything_at_once(int inputRate, int outputRate)
    {
        short[] input = Tone(440, inputRate, 8000, inputRate / 2);
        for (int i = 0; i < input.Length; i += 37)
        {
            input[i] ^= 0x155;
        }

        var whole = new Resampler(inputRate, outputRate, maxChunkSamples: input.Length);
        short[] all = new short[whole.GetMaxOutputLength(input.Length)];
        int count = whole.Process(input, all);

        short[] framed = ResampleInFrames(new Resampler(inputRate, outputRate), input, inputRate / 50);
        Assert.Equal(count, framed.Length);
        Assert.Equal(all.AsSpan(0, count).ToArray(), framed);
    }

    [Theory]
    [InlineData(8000, 24000)]
    [InlineData(16000, 8000)]
    public void Impulse_peak_appears_after_the_stated_group_delay(int inputRate, int outputRate)
    {
        var resampler = new Resampler(inputRate, outputRate);
        short[] input = new short[inputRate / 10];
        input[0] = 20000;
        short[] output = ResampleInFrames(resampler, input, inputRate / 50);

        int peak = 0;
        for (int i = 1; i < output.Length; i++)
        {
            if (output[i] > output[peak])
            {
                peak = i;
            }
        }

        Assert.InRange(peak, resampler.GroupDelayOutputSamples - 1, resampler.GroupDelayOutputSamples + 1);
        Assert.InRange(resampler.GroupDelay.TotalMilliseconds, 1.0, 3.0);
    }

    [Fact]
    public void Output_count_per_20_ms_frame_is_exact()
    {
        var up = new Resampler(8000, 24000);
        var down = new Resampler(24000, 8000);
        short[] frame8 = new short[160];
        short[] frame24 = new short[480];
        short[] outUp = new short[up.GetMaxOutputLength(160)];
        short[] outDown = new short[down.GetMaxOutputLength(480)];
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(480, up.Process(frame8, outUp));
            Assert.Equal(160, down.Process(frame24, outDown));
        }
    }

    [Fact]
    public void Rejects_unsupported_rates_and_short_output()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Resampler(44100, 8000));
        var resampler = new Resampler(8000, 16000);
        Assert.Throws<ArgumentException>(() => resampler.Process(new short[160], new short[100]));
    }

    private static short[] Tone(double frequency, int rate, double amplitude, int samples)
    {
        short[] result = new short[samples];
        for (int i = 0; i < samples; i++)
        {
            result[i] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequency * i / rate));
        }

        return result;
    }

    private static short[] ResampleInFrames(Resampler resampler, short[] input, int frame)
    {
        var output = new List<short>();
        short[] buffer = new short[resampler.GetMaxOutputLength(frame)];
        for (int offset = 0; offset < input.Length; offset += frame)
        {
            int n = resampler.Process(input.AsSpan(offset, Math.Min(frame, input.Length - offset)), buffer);
            output.AddRange(buffer.AsSpan(0, n).ToArray());
        }

        return output.ToArray();
    }

    /// <summary>Least-squares fit of a sine of known frequency; returns its amplitude and the SNR of the residual.</summary>
    private static (double Amplitude, double Snr) FitTone(short[] signal, double frequency, int rate, int skip)
    {
        int n = signal.Length - (2 * skip);
        double ss = 0, sc = 0, cc = 0, ys = 0, yc = 0;
        for (int i = skip; i < skip + n; i++)
        {
            double s = Math.Sin(2 * Math.PI * frequency * i / rate);
            double c = Math.Cos(2 * Math.PI * frequency * i / rate);
            ss += s * s;
            sc += s * c;
            cc += c * c;
            ys += signal[i] * s;
            yc += signal[i] * c;
        }

        double det = (ss * cc) - (sc * sc);
        double a = ((ys * cc) - (yc * sc)) / det;
        double b = ((yc * ss) - (ys * sc)) / det;
        double signalPower = 0, noisePower = 0;
        for (int i = skip; i < skip + n; i++)
        {
            double fit = (a * Math.Sin(2 * Math.PI * frequency * i / rate)) + (b * Math.Cos(2 * Math.PI * frequency * i / rate));
            signalPower += fit * fit;
            noisePower += (signal[i] - fit) * (signal[i] - fit);
        }

        return (Math.Sqrt((a * a) + (b * b)), 10 * Math.Log10(signalPower / noisePower));
    }

    private static double Rms(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (short s in samples)
        {
            sum += (double)s * s;
        }

        return Math.Sqrt(sum / samples.Length);
    }

    [Fact]
    public void Steady_state_processing_allocates_nothing()
    {
        var resampler = new Resampler(8000, 24000);
        short[] input = new short[160];
        short[] output = new short[resampler.GetMaxOutputLength(160)];
        resampler.Process(input, output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            resampler.Process(input, output);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
