using System.Diagnostics.Metrics;

namespace Telepath.Media.Sip.Transport;

/// <summary>
/// Counters of the SIP transport and core (System.Diagnostics.Metrics, meter <c>Telepath.Media.Sip</c>), also
/// kept as plain totals so tests can assert them. Nothing on the packet path logs; it counts here instead.
/// </summary>
internal sealed class SipTransportMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Telepath.Media.Sip";

    private readonly Meter _meter;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _overload;
    private long _droppedTotal;
    private long _rejectedTotal;
    private long _overloadTotal;

    /// <summary>Creates the counters on a meter from <paramref name="meterFactory"/>, or a private meter.</summary>
    public SipTransportMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _dropped = _meter.CreateCounter<long>("telepath.sip.messages.dropped", description: "SIP messages dropped unanswered (unparseable, stray, ...)");
        _rejected = _meter.CreateCounter<long>("telepath.sip.requests.invalid", description: "Requests answered 400 or similar by the validator");
        _overload = _meter.CreateCounter<long>("telepath.sip.requests.overloaded", description: "Requests answered 503 because of load or drain");
    }

    /// <summary>Gets the number of dropped messages.</summary>
    public long Dropped => Interlocked.Read(ref _droppedTotal);

    /// <summary>Gets the number of requests the validator refused.</summary>
    public long Rejected => Interlocked.Read(ref _rejectedTotal);

    /// <summary>Gets the number of 503 answers for load or drain.</summary>
    public long Overloaded => Interlocked.Read(ref _overloadTotal);

    /// <summary>Counts a dropped message with a short reason tag.</summary>
    public void CountDropped(string reason)
    {
        Interlocked.Increment(ref _droppedTotal);
        _dropped.Add(1, new KeyValuePair<string, object?>("reason", reason));
    }

    /// <summary>Counts a request refused by validation.</summary>
    public void CountRejected()
    {
        Interlocked.Increment(ref _rejectedTotal);
        _rejected.Add(1);
    }

    /// <summary>Counts a 503 for overload or drain.</summary>
    public void CountOverloaded()
    {
        Interlocked.Increment(ref _overloadTotal);
        _overload.Add(1);
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
