using System.Numerics;

namespace Telepath.Media.Codecs;

/// <summary>
/// ITU-T G.711 μ-law (RTP payload type 0, <c>PCMU</c>, 8000 Hz per RFC 3551 §4.5.14).
/// Decoding is a 256-entry table lookup; encoding uses the segment algorithm of G.711, which
/// is branch-light and needs no 16 K table in the cache.
/// </summary>
/// <remarks>
/// Code 0x7F decodes to "negative zero", i.e. 0, which re-encodes to 0xFF (positive zero): the one code
/// for which encode(decode(b)) != b.
/// </remarks>
internal sealed class MuLawCodec : G711Codec
{
    /// <summary>G.711 μ-law bias added before the segment search.</summary>
    public const int Bias = 0x84;

    /// <summary>Largest magnitude that can be biased without overflowing the top segment.</summary>
    public const int Clip = 32635;

    private static readonly short[] s_decodeTable = BuildDecodeTable();

    /// <inheritdoc />
    public override byte PayloadType => 0;

    /// <inheritdoc />
    public override string Name => "PCMU";

    /// <summary>Decodes one μ-law code to a linear sample.</summary>
    public static short DecodeSample(byte code) => s_decodeTable[code];

    /// <summary>Encodes one linear sample to a μ-law code.</summary>
    public static byte EncodeSample(short sample)
    {
        int pcm = sample;
        int sign = (pcm >> 8) & 0x80;
        if (sign != 0)
        {
            pcm = -pcm;
        }

        if (pcm > Clip)
        {
            pcm = Clip;
        }

        pcm += Bias;

        // The biased magnitude lies in [0x84, 0x7FFF]: its top bit position (7..14) selects the segment.
        int exponent = BitOperations.Log2((uint)pcm) - 7;
        int mantissa = (pcm >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    /// <summary>Encodes a span of samples; <paramref name="destination"/> must be at least as long as <paramref name="source"/>.</summary>
    public static void EncodeBlock(ReadOnlySpan<short> source, Span<byte> destination)
    {
        destination = destination[..source.Length];
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = EncodeSample(source[i]);
        }
    }

    /// <summary>Decodes a span of codes; <paramref name="destination"/> must be at least as long as <paramref name="source"/>.</summary>
    public static void DecodeBlock(ReadOnlySpan<byte> source, Span<short> destination) =>
        DecodeWithTable(source, destination, s_decodeTable);

    /// <inheritdoc />
    protected override void EncodeCore(ReadOnlySpan<short> source, Span<byte> destination) => EncodeBlock(source, destination);

    /// <inheritdoc />
    protected override void DecodeCore(ReadOnlySpan<byte> source, Span<short> destination) => DecodeBlock(source, destination);

    private static short[] BuildDecodeTable()
    {
        var table = new short[256];
        for (int code = 0; code < 256; code++)
        {
            // Codes are transmitted inverted (G.711 §3.2) so that silence is not a run of zero bits.
            int u = ~code & 0xFF;
            int exponent = (u >> 4) & 0x07;
            int mantissa = u & 0x0F;
            int magnitude = (((mantissa << 3) + Bias) << exponent) - Bias;
            table[code] = (short)((u & 0x80) != 0 ? -magnitude : magnitude);
        }

        return table;
    }
}
