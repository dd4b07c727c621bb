using Telepath.Media.Agents;
using Telepath.Media.Sdp;

namespace Telepath.Media.Bridge;

/// <summary>Maps negotiated G.711 codecs to the agents' audio formats.</summary>
internal static class G711Formats
{
    /// <summary>PCMA is A-law; everything else we negotiate (PCMU) is μ-law.</summary>
    public static AgentAudioFormat FromCodec(NegotiatedCodec codec) =>
        string.Equals(codec.Name, "PCMA", StringComparison.OrdinalIgnoreCase) ? AgentAudioFormat.ALaw8000 : AgentAudioFormat.MuLaw8000;

    /// <summary>The codec's silence byte (G.711 code for a zero sample: 0xFF μ-law, 0xD5 A-law).</summary>
    public static byte SilenceByte(AgentAudioFormat format) => format == AgentAudioFormat.ALaw8000 ? (byte)0xD5 : (byte)0xFF;
}
