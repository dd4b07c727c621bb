namespace Telepath.Media.Rtp.Rtcp;

/// <summary>Round-trip time from a report block that echoes one of our sender reports (RFC 3550 §6.4.1).</summary>
internal static class RtcpRoundTrip
{
    /// <summary>
    /// Computes RTT = A − LSR − DLSR, where A is the arrival time of the report (middle 32 bits of NTP),
    /// LSR echoes our SR's NTP timestamp and DLSR is how long the peer held it.
    /// </summary>
    /// <param name="block">The report block about our SSRC.</param>
    /// <param name="arrivalNtp">When the report arrived, on the same clock we stamp our SRs with.</param>
    /// <param name="roundTrip">The round-trip time.</param>
    /// <returns>False when the peer has not received an SR yet (LSR = 0) or the result is negative (clock step).</returns>
    public static bool TryCompute(in RtcpReportBlock block, ulong arrivalNtp, out TimeSpan roundTrip)
    {
        roundTrip = TimeSpan.Zero;
        if (block.LastSenderReport == 0)
        {
            return false;
        }

        // 16.16 arithmetic modulo 2^32, as the RFC's example does.
        uint units = NtpTimestamp.Middle32(arrivalNtp) - block.LastSenderReport - block.DelaySinceLastSenderReport;
        if ((int)units < 0)
        {
            return false;
        }

        roundTrip = NtpTimestamp.FromShortUnits(units);
        return true;
    }
}
