namespace Telepath.Api.Tests.EndToEnd;

/// <summary>
/// Test tones at 8 kHz: sine generation, G.711 μ-law and A-law (ITU-T G.711, written here independently of the
/// production codec tables) and a Goertzel detector, so a transcoded tone is checked by its frequency, not its bytes.
/// </summary>
internal static class Tone
{
    public const int SampleRate = 8000;

    private static readonly int[] s_aLawSegmentEnds = [0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF];

    /// <summary><paramref name="samples"/> samples of a sine at <paramref name="frequency"/> Hz.</summary>
    public static short[] Sine(double frequency, int samples, double amplitude = 8000)
    {
        var pcm = new short[samples];
        for (int i = 0; i < samples; i++)
        {
            pcm[i] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequency * i / SampleRate));
        }

        return pcm;
    }

    /// <summary>
    /// The share of the signal's energy at <paramref name="frequency"/> (Goertzel): about 1 for a pure tone whose
    /// frequency falls on a bin of the block, about 0 for a tone elsewhere.
    /// </summary>
    public static double EnergyShareAt(ReadOnlySpan<short> pcm, double frequency)
    {
        double coefficient = 2 * Math.Cos(2 * Math.PI * frequency / SampleRate);
        double s1 = 0;
        double s2 = 0;
        double energy = 0;
        foreach (short sample in pcm)
        {
            double s = sample + (coefficient * s1) - s2;
            s2 = s1;
            s1 = s;
            energy += (double)sample * sample;
        }

        double power = (s1 * s1) + (s2 * s2) - (coefficient * s1 * s2);
        return energy == 0 ? 0 : 2 * power / (pcm.Length * energy);
    }

    public static byte[] EncodeMuLaw(ReadOnlySpan<short> pcm)
    {
        var encoded = new byte[pcm.Length];
        for (int i = 0; i < pcm.Length; i++)
        {
            int sample = pcm[i];
            int sign = sample < 0 ? 0x80 : 0;
            int magnitude = Math.Min(Math.Abs(sample), 32635) + 0x84;
            int exponent = 7;
            for (int mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1)
            {
                exponent--;
            }

            int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
            encoded[i] = (byte)~(sign | (exponent << 4) | mantissa);
        }

        return encoded;
    }

    public static short[] DecodeMuLaw(ReadOnlySpan<byte> encoded)
    {
        var pcm = new short[encoded.Length];
        for (int i = 0; i < encoded.Length; i++)
        {
            int value = ~encoded[i] & 0xFF;
            int magnitude = ((((value & 0x0F) << 3) + 0x84) << ((value >> 4) & 0x07)) - 0x84;
            pcm[i] = (short)((value & 0x80) != 0 ? -magnitude : magnitude);
        }

        return pcm;
    }

    public static byte[] EncodeALaw(ReadOnlySpan<short> pcm)
    {
        var encoded = new byte[pcm.Length];
        for (int i = 0; i < pcm.Length; i++)
        {
            int value = pcm[i] >> 3;
            int mask = 0xD5;
            if (value < 0)
            {
                mask = 0x55;
                value = -value - 1;
            }

            int segment = 0;
            while (segment < 8 && value > s_aLawSegmentEnds[segment])
            {
                segment++;
            }

            int code = segment >= 8 ? 0x7F : (segment << 4) | ((value >> (segment < 2 ? 1 : segment)) & 0x0F);
            encoded[i] = (byte)(code ^ mask);
        }

        return encoded;
    }

    public static short[] DecodeALaw(ReadOnlySpan<byte> encoded)
    {
        var pcm = new short[encoded.Length];
        for (int i = 0; i < encoded.Length; i++)
        {
            int value = encoded[i] ^ 0x55;
            int magnitude = (value & 0x0F) << 4;
            int segment = (value & 0x70) >> 4;
            magnitude += segment == 0 ? 8 : 0x108;
            if (segment > 1)
            {
                magnitude <<= segment - 1;
            }

            pcm[i] = (short)((value & 0x80) != 0 ? magnitude : -magnitude);
        }

        return pcm;
    }
}
