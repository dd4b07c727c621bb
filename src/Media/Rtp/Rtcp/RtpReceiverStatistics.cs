namespace Telepath.Media.Rtp.Rtcp;

/// <summary>
/// Reception statistics for one remote source, as needed for RTCP report blocks and call metrics:
/// sequence tracking (RFC 3550 A.1), loss (A.3), interarrival jitter (A.8) and the LSR/DLSR echo (§6.4.1).
/// Owned by the call's loop; not thread-safe.
/// </summary>
internal sealed class RtpReceiverStatistics
{
    private readonly SequenceTracker _sequence = new();
    private readonly int _clockRate;
    private readonly long _frequency;
    private long _expectedPrior;
    private long _receivedPrior;
    private bool _haveTransit;
    private uint _lastTransit;
    private uint _scaledJitter;
    private uint _lastSenderReport;
    private long _lastSenderReportArrival;

    /// <summary>Creates statistics for a source with the given RTP clock rate.</summary>
    public RtpReceiverStatistics(TimeProvider timeProvider, int clockRate = 8000)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(clockRate, 1);
        _clockRate = clockRate;
        _frequency = timeProvider.TimestampFrequency;
    }

    /// <summary>Gets the sequence tracker (extended highest sequence, duplicates, restarts).</summary>
    public SequenceTracker Sequence => _sequence;

    /// <summary>Gets the interarrival jitter estimate in timestamp units (RFC 3550 A.8).</summary>
    public uint Jitter => _scaledJitter >> 4;

    /// <summary>Gets the interarrival jitter in milliseconds.</summary>
    public double JitterMilliseconds => (_scaledJitter / 16.0) * 1000 / _clockRate;

    /// <summary>Gets the packets expected so far (RFC 3550 A.3).</summary>
    public long Expected => _sequence.Expected;

    /// <summary>Gets the distinct packets received so far.</summary>
    public long Received => _sequence.Received;

    /// <summary>Gets the cumulative number of packets lost: expected − received (RFC 3550 A.3).</summary>
    public long CumulativeLost => Expected - Received;

    /// <summary>Records one received packet.</summary>
    /// <param name="sequenceNumber">Its RTP sequence number.</param>
    /// <param name="rtpTimestamp">Its RTP timestamp.</param>
    /// <param name="arrivalTimestamp">Its arrival time from <see cref="TimeProvider.GetTimestamp"/>.</param>
    public SequenceStatus OnPacket(ushort sequenceNumber, uint rtpTimestamp, long arrivalTimestamp)
    {
        SequenceStatus status = _sequence.Update(sequenceNumber);
        if (status == SequenceStatus.Restarted)
        {
            _expectedPrior = 0;
            _receivedPrior = 0;
            _haveTransit = false;
        }

        if (status is SequenceStatus.InOrder or SequenceStatus.Reordered or SequenceStatus.Restarted)
        {
            UpdateJitter(rtpTimestamp, arrivalTimestamp);
        }

        return status;
    }

    /// <summary>Records a sender report from this source, for the LSR/DLSR of our next report block.</summary>
    /// <param name="ntpTimestamp">The SR's NTP timestamp.</param>
    /// <param name="arrivalTimestamp">When it arrived, from <see cref="TimeProvider.GetTimestamp"/>.</param>
    public void OnSenderReport(ulong ntpTimestamp, long arrivalTimestamp)
    {
        _lastSenderReport = NtpTimestamp.Middle32(ntpTimestamp);
        _lastSenderReportArrival = arrivalTimestamp;
    }

    /// <summary>
    /// Builds the report block for this source and starts a new loss interval (RFC 3550 A.3: the fraction
    /// lost covers the packets since the previous report).
    /// </summary>
    /// <param name="sourceSsrc">The SSRC being reported on.</param>
    /// <param name="now">Current time from <see cref="TimeProvider.GetTimestamp"/>, for DLSR.</param>
    public RtcpReportBlock CreateReportBlock(uint sourceSsrc, long now)
    {
        long expected = Expected;
        long expectedInterval = expected - _expectedPrior;
        long receivedInterval = Received - _receivedPrior;
        long lostInterval = expectedInterval - receivedInterval;
        _expectedPrior = expected;
        _receivedPrior = Received;

        byte fraction = expectedInterval == 0 || lostInterval <= 0
            ? (byte)0
            : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);

        uint delay = 0;
        if (_lastSenderReport != 0)
        {
            var elapsed = TimeSpan.FromSeconds((double)(now - _lastSenderReportArrival) / _frequency);
            delay = NtpTimestamp.ToShortUnits(elapsed);
        }

        return new RtcpReportBlock(
            sourceSsrc,
            fraction,
            (int)Math.Clamp(CumulativeLost, -0x800000, 0x7FFFFF),
            (uint)_sequence.ExtendedHighest,
            Jitter,
            _lastSenderReport,
            delay);
    }

    private void UpdateJitter(uint rtpTimestamp, long arrivalTimestamp)
    {
        // RFC 3550 A.8: arrival converted to timestamp units; the estimate is kept ×16 in integer arithmetic.
        var arrival = (uint)(long)((Int128)arrivalTimestamp * _clockRate / _frequency);
        uint transit = arrival - rtpTimestamp;
        if (_haveTransit)
        {
            int d = (int)(transit - _lastTransit);
            if (d < 0)
            {
                d = -d;
            }

            _scaledJitter = (uint)(_scaledJitter + d - ((_scaledJitter + 8) >> 4));
        }

        _lastTransit = transit;
        _haveTransit = true;
    }
}
