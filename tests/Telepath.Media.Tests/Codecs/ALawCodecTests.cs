using Telepath.Media.Codecs;

namespace Telepath.Media.Tests.Codecs;

/// <summary>ITU-T G.711 A-law: table values (even-bit inversion 0x55), round trips and monotonicity.</summary>
public sealed class ALawCodecTests
{
    /// <summary>
    /// In A-law the sign bit is set for positive values, so 0xD5 is +8 and 0x55 is −8; the extremes are
    /// 0xAA = +32256 and 0x2A = −32256.
    /// </summary>
    [Theory]
    [InlineData(0xD5, 8)]
    [InlineData(0x55, -8)]
    [InlineData(0xAA, 32256)]
    [InlineData(0x2A, -32256)]
    [InlineData(0xD4, 24)]
    public void Decodes_known_codes(int code, int expected)
    {
        Assert.Equal(expected, ALawCodec.DecodeSample((byte)code));
    }

    [Theory]
    [InlineData(0, 0xD5)]
    [InlineData(-1, 0x55)]
    [InlineData(32767, 0xAA)]
    [InlineData(-32768, 0x2A)]
    public void Encodes_known_samples(int sample, int expected)
    {
        Assert.Equal(expected, ALawCodec.EncodeSample((short)sample));
    }

    [Fact]
    public void Every_code_round_trips()
    {
        for (int code = 0; code < 256; code++)
        {
            Assert.Equal((byte)code, ALawCodec.EncodeSample(ALawCodec.DecodeSample((byte)code)));
        }
    }

    [Fact]
    public void Encoding_is_monotonic_over_all_16_bit_samples()
    {
        short previous = ALawCodec.DecodeSample(ALawCodec.EncodeSample(short.MinValue));
        for (int s = short.MinValue + 1; s <= short.MaxValue; s++)
        {
            short decoded = ALawCodec.DecodeSample(ALawCodec.EncodeSample((short)s));
            Assert.True(decoded >= previous, $"Quantised value fell at sample {s}");
            previous = decoded;
        }
    }

    [Fact]
    public void Decoded_table_has_256_distinct_values()
    {
        var seen = new HashSet<short>();
        for (int code = 0; code < 256; code++)
        {
            Assert.True(seen.Add(ALawCodec.DecodeSample((byte)code)));
        }
    }

    [Fact]
    public void Bulk_conversion_matches_per_sample_conversion()
    {
        var codec = new ALawCodec();
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
            Assert.Equal(ALawCodec.EncodeSample(pcm[i]), payload[i]);
            Assert.Equal(ALawCodec.DecodeSample(payload[i]), back[i]);
        }

        Assert.Equal(-1, codec.Decode(payload, new short[10]));
        Assert.Equal((byte)8, codec.PayloadType);
        Assert.Equal("PCMA", codec.Name);
    }
}
