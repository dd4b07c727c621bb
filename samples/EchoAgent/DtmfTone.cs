namespace Telepath.Samples.EchoAgent;

/// <summary>Builds the dual tone of a DTMF digit (ITU-T Q.23 row and column frequencies) as G.711 μ-law at 8 kHz.</summary>
internal static class DtmfTone
{
    private static readonly int[] s_rows = [697, 770, 852, 941];
    private static readonly int[] s_columns = [1209, 1336, 1477, 1633];
    private const string Keypad = "123A456B789C*0#D";

    /// <summary>Returns <paramref name="milliseconds"/> of the digit's tone, or of a plain 440 Hz tone for anything else.</summary>
    public static byte[] Create(char digit, int milliseconds)
    {
        int index = Keypad.IndexOf(char.ToUpperInvariant(digit), StringComparison.Ordinal);
        (double low, double high) = index < 0 ? (440.0, 440.0) : (s_rows[index / 4], s_columns[index % 4]);
        byte[] tone = new byte[milliseconds * 8];
        for (int i = 0; i < tone.Length; i++)
        {
            double t = i / 8000.0;

            // Each component at about -10 dBFS, well clear of clipping when they add.
            double sample = 8000 * (Math.Sin(2 * Math.PI * low * t) + Math.Sin(2 * Math.PI * high * t));
            tone[i] = MuLaw.Encode((short)sample);
        }

        return tone;
    }
}
