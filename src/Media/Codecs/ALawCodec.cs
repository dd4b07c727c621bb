using System.Numerics;

namespace Telepath.Media.Codecs;

/// <summary>
/// ITU-T G.711 A-law (RTP payload type 8, <c>PCMA</c>, 8000 Hz per RFC 3551 §4.5.14).
/// Decoding is a 256-entry table lookup; encoding uses the 13-bit segment algorithm of G.711.
/// </summary>
/// <remarks>
/// A-law inverts the even bits (XOR 0x55) on the wire, and the sign bit is 1 for positive samples:
/// 0xD5 is +8 and 0x55 is −8; the extremes are 0xAA (+32256) and 0x2A (−32256).
/// Every code round-trips: encode(decode(b)) == b for all 256 codes.
/// </remarks>
internal sealed class ALawCodec : G711Codec
{
    /// <summary>The even-bit inversion mask applied to every transmitted code.</summary>
    public const int EvenBitMask = 0x55;

    private static readonly short[] s_decodeTable = BuildDecodeTable();

    /// <inheritdoc />
    public override byte PayloadType => 8;

    /// <inheritdoc />
    public override string Name => "PCMA";

    /// <summary>Decodes one A-law code to a linear sample.</summary>
    public static short DecodeSample(byte code) => s_decodeTable[code];

    /// <summary>Encodes one linear sample to an A-law code.</summary>
    public static byte EncodeSample(short sample)
    {
        // A-law works on 13 bits; negative values use one's complement so that −1 maps to magnitude 0.
        int pcm = sample >> 3;
        int mask;
        if (pcm >= 0)
        {
            mask = 0x80 | EvenBitMask;
        }
        else
        {
            mask = EvenBitMask;
            pcm = -pcm - 1;
        }

        // Segment 0 and 1 share a step size; above that the segment is the top bit position minus 4.
        int segment = pcm < 32 ? 0 : BitOperations.Log2((uint)pcm) - 4;
        int mantissa = segment < 2 ? (pcm >> 1) & 0x0F : (pcm >> segment) & 0x0F;
        return (byte)(((segment << 4) | mantissa) ^ mask);
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
            int a = code ^ EvenBitMask;
            int segment = (a >> 4) & 0x07;
            int magnitude = ((a & 0x0F) << 4) + 8;
            if (segment != 0)
            {
                magnitude = (magnitude + 0x100) << (segment - 1);
            }

            // Sign bit set means a positive sample in A-law.
            table[code] = (short)((a & 0x80) != 0 ? magnitude : -magnitude);
        }

        return table;
    }
}
