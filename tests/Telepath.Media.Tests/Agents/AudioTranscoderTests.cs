using Telepath.Media.Agents;
using Telepath.Media.Codecs;

namespace Telepath.Media.Tests.Agents;

/// <summary>A-law ↔ μ-law for A-law trunks: the table must agree with decoding and re-encoding every code.</summary>
public sealed class AudioTranscoderTests
{
    [Fact]
    public void Every_alaw_code_maps_to_the_mulaw_encoding_of_its_linear_value_and_back()
    {
        byte[] all = new byte[256];
        for (int i = 0; i < all.Length; i++)
        {
            all[i] = (byte)i;
        }

        byte[] muLaw = new byte[256];
        byte[] aLaw = new byte[256];
        AudioTranscoder.Convert(all, AgentAudioFormat.ALaw8000, muLaw, AgentAudioFormat.MuLaw8000);
        AudioTranscoder.Convert(all, AgentAudioFormat.MuLaw8000, aLaw, AgentAudioFormat.ALaw8000);

        for (int i = 0; i < all.Length; i++)
        {
            Assert.Equal(MuLawCodec.EncodeSample(ALawCodec.DecodeSample((byte)i)), muLaw[i]);
            Assert.Equal(ALawCodec.EncodeSample(MuLawCodec.DecodeSample((byte)i)), aLaw[i]);
        }
    }

    [Fact]
    public void Same_format_is_a_plain_copy_and_conversion_works_in_place()
    {
        byte[] frame = AgentTestHarness.Pattern(160, 3);
        byte[] copy = new byte[160];
        AudioTranscoder.Convert(frame, AgentAudioFormat.MuLaw8000, copy, AgentAudioFormat.MuLaw8000);
        Assert.Equal(frame, copy);
        byte[] expected = new byte[160];
        AudioTranscoder.Convert(frame, AgentAudioFormat.MuLaw8000, expected, AgentAudioFormat.ALaw8000);

        AudioTranscoder.Convert(copy, AgentAudioFormat.MuLaw8000, copy, AgentAudioFormat.ALaw8000);

        Assert.Equal(expected, copy);
    }
}
