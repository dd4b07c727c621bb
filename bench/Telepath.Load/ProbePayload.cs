namespace Telepath.Load;

/// <summary>
/// The layout of a probe inside a 160-byte G.711 μ-law payload, shared by the simulated phones and the probe agent.
/// Every field byte is <c>0xF0 | nibble</c> (within a few steps of μ-law silence, so no voice-activity detector on
/// the way mistakes a probe for speech); the bridge passes PCMU to a custom agent and back unchanged, so the fields
/// survive the whole trip. Timestamps are <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>, which is
/// CLOCK_MONOTONIC on Linux and so comparable between the load process and the agent process.
/// </summary>
/// <remarks>
/// Bytes 0–15: first value (the phone's send time, or a burst id); byte 16: kind; bytes 17–32: second value (the
/// agent's receive time, or the time the agent sent <c>clear</c>); bytes 33–48: third value (the agent's send time).
/// </remarks>
internal static class ProbePayload
{
    /// <summary>Bytes of one 20 ms PCMU frame.</summary>
    public const int FrameBytes = 160;

    /// <summary>Offset of the first value.</summary>
    public const int FirstOffset = 0;

    /// <summary>Offset of the kind byte.</summary>
    public const int KindOffset = 16;

    /// <summary>Offset of the second value.</summary>
    public const int SecondOffset = 17;

    /// <summary>Offset of the third value.</summary>
    public const int ThirdOffset = 33;

    /// <summary>Bytes a probe needs.</summary>
    public const int Length = ThirdOffset + Nibbles;

    /// <summary>Kind: a phone's frame outside the measured window (μ-law silence).</summary>
    public const byte Silence = 0xFF;

    /// <summary>Kind: a phone's measured frame; the first value is its send time.</summary>
    public const byte Counting = 0xFE;

    /// <summary>Kind: a measured frame the probe agent echoed, with its receive and send times added.</summary>
    public const byte Stamped = 0xFB;

    /// <summary>Kind: a frame of an agent burst; the first value is the burst id.</summary>
    public const byte Burst = 0xFD;

    /// <summary>Kind: the frame an agent sends right after <c>clear</c>; first value the burst id, second the clear time.</summary>
    public const byte ClearNotice = 0xFC;

    private const int Nibbles = 16;

    /// <summary>Writes <paramref name="value"/> as 16 nibble bytes at <paramref name="offset"/>.</summary>
    public static void Write(Span<byte> payload, int offset, long value)
    {
        Span<byte> destination = payload.Slice(offset, Nibbles);
        for (int i = 0; i < Nibbles; i++)
        {
            destination[i] = (byte)(0xF0 | ((value >> (i * 4)) & 0xF));
        }
    }

    /// <summary>Reads 16 nibble bytes at <paramref name="offset"/>; false when they are not all of the form <c>0xF0 | n</c>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, int offset, out long value)
    {
        value = 0;
        if (payload.Length < offset + Nibbles)
        {
            return false;
        }

        ReadOnlySpan<byte> source = payload.Slice(offset, Nibbles);
        for (int i = 0; i < Nibbles; i++)
        {
            if ((source[i] & 0xF0) != 0xF0)
            {
                return false;
            }

            value |= (long)(source[i] & 0xF) << (i * 4);
        }

        return true;
    }

    /// <summary>Gets the kind byte, or <see cref="Silence"/> for a payload too short to be a probe.</summary>
    public static byte KindOf(ReadOnlySpan<byte> payload) => payload.Length >= Length ? payload[KindOffset] : Silence;
}
