using Telepath.Media.Codecs;

namespace Telepath.Media.Agents;

/// <summary>
/// Copies G.711 audio between the carrier codec and a provider's codec (A-law ↔ μ-law, no resampling). Each
/// direction is a 256-entry table built once from the codecs (decode to linear, re-encode), so a 20 ms frame costs
/// 160 lookups instead of 160 decode/encode pairs.
/// </summary>
internal static class AudioTranscoder
{
    private static readonly byte[] s_aLawToMuLaw = BuildTable(static code => MuLawCodec.EncodeSample(ALawCodec.DecodeSample(code)));
    private static readonly byte[] s_muLawToALaw = BuildTable(static code => ALawCodec.EncodeSample(MuLawCodec.DecodeSample(code)));

    /// <summary>Copies <paramref name="source"/> in format <paramref name="from"/> to <paramref name="destination"/> in format <paramref name="to"/> (in place is allowed).</summary>
    public static void Convert(ReadOnlySpan<byte> source, AgentAudioFormat from, Span<byte> destination, AgentAudioFormat to)
    {
        if (from == to)
        {
            source.CopyTo(destination);
            return;
        }

        ReadOnlySpan<byte> table = from == AgentAudioFormat.ALaw8000 ? s_aLawToMuLaw : s_muLawToALaw;
        destination = destination[..source.Length];
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = table[source[i]];
        }
    }

    private static byte[] BuildTable(Func<byte, byte> map)
    {
        byte[] table = new byte[256];
        for (int code = 0; code < table.Length; code++)
        {
            table[code] = map((byte)code);
        }

        return table;
    }
}
