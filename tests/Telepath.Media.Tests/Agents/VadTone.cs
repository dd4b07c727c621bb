using Telepath.Media.Codecs;

namespace Telepath.Media.Tests.Agents;

/// <summary>Synthetic μ-law frames for the energy VAD: a 440 Hz tone at a given level stands in for speech or noise.</summary>
internal static class VadTone
{
    /// <summary>One 20 ms μ-law frame of a 440 Hz sine whose RMS is <paramref name="dbfs"/>.</summary>
    public static byte[] Frame(double dbfs)
    {
        double peak = 32768.0 * Math.Pow(10, dbfs / 20) * Math.Sqrt(2);
        byte[] frame = new byte[160];
        for (int i = 0; i < frame.Length; i++)
        {
            frame[i] = MuLawCodec.EncodeSample((short)Math.Clamp(peak * Math.Sin(2 * Math.PI * 440 * i / 8000.0), short.MinValue, short.MaxValue));
        }

        return frame;
    }
}
