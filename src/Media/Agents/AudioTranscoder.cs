using Telepath.Media.Codecs;

namespace Telepath.Media.Agents;

/// <summary>Copies G.711 audio between the carrier codec and a provider's codec (A-law ↔ μ-law via linear, no resampling).</summary>
internal static class AudioTranscoder
{
    /// <summary>Copies <paramref name="source"/> in format <paramref name="from"/> to <paramref name="destination"/> in format <paramref name="to"/>.</summary>
    public static void Convert(ReadOnlySpan<byte> source, AgentAudioFormat from, Span<byte> destination, AgentAudioFormat to)
    {
        if (from == to)
        {
            source.CopyTo(destination);
            return;
        }

        destination = destination[..source.Length];
        if (from == AgentAudioFormat.ALaw8000)
        {
            for (int i = 0; i < source.Length; i++)
            {
                destination[i] = MuLawCodec.EncodeSample(ALawCodec.DecodeSample(source[i]));
            }
        }
        else
        {
            for (int i = 0; i < source.Length; i++)
            {
                destination[i] = ALawCodec.EncodeSample(MuLawCodec.DecodeSample(source[i]));
            }
        }
    }
}
