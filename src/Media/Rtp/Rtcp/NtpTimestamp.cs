namespace Telepath.Media.Rtp.Rtcp;

/// <summary>64-bit NTP timestamps (RFC 3550 §4): seconds since 1900-01-01 UTC in the upper 32 bits, fraction in the lower.</summary>
internal static class NtpTimestamp
{
    private static readonly DateTimeOffset s_epoch = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Converts a wall-clock instant to NTP format.</summary>
    public static ulong FromDateTimeOffset(DateTimeOffset value)
    {
        long ticks = (value - s_epoch).Ticks;
        ulong seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        ulong fraction = ((ulong)(ticks % TimeSpan.TicksPerSecond) << 32) / TimeSpan.TicksPerSecond;
        return (seconds << 32) | fraction;
    }

    /// <summary>Gets the current time from <paramref name="timeProvider"/> in NTP format.</summary>
    public static ulong Now(TimeProvider timeProvider) => FromDateTimeOffset(timeProvider.GetUtcNow());

    /// <summary>Gets the middle 32 bits (16.16 fixed point), the form used by LSR (RFC 3550 §6.4.1).</summary>
    public static uint Middle32(ulong ntp) => (uint)(ntp >> 16);

    /// <summary>Converts a duration to units of 1/65536 s (the DLSR unit).</summary>
    public static uint ToShortUnits(TimeSpan duration) =>
        duration <= TimeSpan.Zero ? 0 : (uint)Math.Min(uint.MaxValue, duration.Ticks * 65536 / TimeSpan.TicksPerSecond);

    /// <summary>Converts units of 1/65536 s to a duration.</summary>
    public static TimeSpan FromShortUnits(uint units) => TimeSpan.FromTicks((long)units * TimeSpan.TicksPerSecond / 65536);
}
