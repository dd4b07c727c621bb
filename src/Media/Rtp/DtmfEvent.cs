namespace Telepath.Media.Rtp;

/// <summary>One completed key press received or sent as an RFC 4733 telephone-event.</summary>
/// <param name="Digit">The key: '0'–'9', '*', '#', 'A'–'D'.</param>
/// <param name="EventCode">The RFC 4733 §3.2 event code (0–15).</param>
/// <param name="Duration">How long the key was held.</param>
/// <param name="Volume">Power level in −dBm0 (0–63).</param>
/// <param name="RtpTimestamp">The event's RTP timestamp (its start), which identifies it.</param>
internal readonly record struct DtmfEvent(char Digit, byte EventCode, TimeSpan Duration, byte Volume, uint RtpTimestamp)
{
    private const string Digits = "0123456789*#ABCD";

    /// <summary>Maps an RFC 4733 §3.2 event code to its key, or '\0' for non-DTMF events.</summary>
    public static char ToDigit(int eventCode) => (uint)eventCode < Digits.Length ? Digits[eventCode] : '\0';

    /// <summary>Maps a key to its RFC 4733 §3.2 event code.</summary>
    /// <returns>The code, or -1 if <paramref name="digit"/> is not a DTMF key.</returns>
    public static int ToEventCode(char digit) => Digits.IndexOf(char.ToUpperInvariant(digit), StringComparison.Ordinal);
}
