using Telepath.Media.Codecs;

namespace Telepath.Media.Tests.Codecs;

/// <summary>ITU-T G.711 μ-law: table values, round trips and monotonicity.</summary>
public sealed class MuLawCodecTests
{
    [Theory]
    [InlineData(0xFF, 0)]
    [InlineData(0x7F, 0)]
    [InlineData(0x00, -32124)]
    [InlineData(0x80, 32124)]
    [InlineData(0xFE, 8)]
    [InlineData(0x7E, -8)]
    public void Decodes_known_codes(int code, int expected)
    {
        Assert.Equal(expected, MuLawCodec.DecodeSample((byte)code));
    }

    [Theory]
    [InlineData(0, 0xFF)]
    [InlineData(32767, 0x80)]
    [InlineData(-32768, 0x00)]
    [InlineData(32635, 0x80)]
    public void Encodes_known_samples_including_clip(int sample, int expected)
    {
        Assert.Equal(expected, MuLawCodec.EncodeSample((short)sample));
    }

    /// <summary>
    /// Every code survives decode→encode, except 0x7F ("negative zero"), which decodes to 0 and re-encodes to
    /// 0xFF (positive zero): G.711 has two codes for zero and the encoder emits only the positive one.
    /// </summary>
    [Fact]
    public void Every_code_round_trips_except_negative_zero()
    {
        for (int code = 0; code < 256; code++)
        {
            byte expected = code == 0x7F ? (byte)0xFF : (byte)code;
            Assert.Equal(expected, MuLawCodec.EncodeSample(MuLawCodec.DecodeSample((byte)code)));
        }
    }

    [Fact]
    public void Decoded_values_are_monotonic_in_each_half_of_the_code_space()
    {
        // Codes 0x00..0x7F run from −32124 up to 0; codes 0x80..0xFF run from +32124 down to 0.
        for (int code = 1; code < 128; code++)
        {
            Assert.True(MuLawCodec.DecodeSample((byte)code) > MuLawCodec.DecodeSample((byte)(code - 1)));
        }

        for (int code = 129; code < 256; code++)
        {
            Assert.True(MuLawCodec.DecodeSample((byte)code) < MuLawCodec.DecodeSample((byte)(code - 1)));
        }
    }

    [Fact]
    public void Encoding_is_monotonic_over_all_16_bit_samples()
    {
        short previous = MuLawCodec.DecodeSample(MuLawCodec.EncodeSample(short.MinValue));
        for (int s = short.MinValue + 1; s <= short.MaxValue; s++)
        {
            short decoded = MuLawCodec.DecodeSample(MuLawCodec.EncodeSample((short)s));
            Assert.True(decoded >= previous, $"Quantised value fell at sample {s}");
            previous = decoded;
        }
    }

    [Fact]
    public void Quantisation_error_stays_within_half_a_step_plus_bias_rounding()
    {
        for (int s = -32635; s <= 32635; s += 7)
        {
            int decoded = MuLawCodec.DecodeSample(MuLawCodec.EncodeSample((short)s));
            int magnitude = Math.Abs(s);
            int step = magnitude < 100 ? 8 : 1 << (System.Numerics.BitOperations.Log2((uint)(magnitude + 0x84)) - 4);
            Assert.True(Math.Abs(decoded - s) <= step, $"sample {s} decoded as {decoded}");
        }
    }

    [Fact]
    public void Bulk_conversion_matches_per_sample_conversion()
    {
        var codec = new MuLawCodec();
        short[] pcm = new short[160];
        for (int i = 0; i < pcm.Length; i++)
        {
            pcm[i] = (short)((i * 409) - 32000);
        }

        byte[] payload = new byte[160];
        short[] back = new short[160];
        Assert.Equal(160, codec.Encode(pcm, payload));
        Assert.Equal(160, codec.Decode(payload, back));
        for (int i = 0; i < pcm.Length; i++)
        {
            Assert.Equal(MuLawCodec.EncodeSample(pcm[i]), payload[i]);
            Assert.Equal(MuLawCodec.DecodeSample(payload[i]), back[i]);
        }

        Assert.Equal(-1, codec.Encode(pcm, new byte[10]));
        Assert.Equal((byte)0, codec.PayloadType);
        Assert.Equal(8000, codec.ClockRate);
        Assert.Equal("PCMU", codec.Name);
    }
}
