namespace Telepath.Grains.Abstractions.Calls;

/// <summary>
/// Everything known about one call: what its grain holds while it lives, what the call store keeps, and what
/// <c>GET /v1/calls/{id}</c> shows. Immutable; the grain replaces it with <c>with</c> expressions.
/// </summary>
/// <param name="Id">The call id (<c>call_…</c>).</param>
/// <param name="AccountId">The trunk's account; every read is scoped by it.</param>
/// <param name="TrunkId">The trunk the INVITE named.</param>
/// <param name="Direction">See <see cref="CallDirections"/>.</param>
/// <param name="From">Caller number as the carrier sent it.</param>
/// <param name="To">Called number as the carrier sent it.</param>
/// <param name="Status">See <see cref="CallStatuses"/>.</param>
/// <param name="DisconnectReason">Why it ended, or null while live.</param>
/// <param name="StartTime">INVITE received.</param>
/// <param name="AnswerTime">200 OK sent, or null.</param>
/// <param name="EndTime">When it ended, or null while live.</param>
/// <param name="CodecUsed">Negotiated codec, or null before answer.</param>
/// <param name="Carrier">Best guess at the carrier, or null.</param>
/// <param name="SipCallId">The SIP Call-ID, for carrier log correlation.</param>
/// <param name="SourceAddress">Where the INVITE came from.</param>
/// <param name="Metrics">Metrics so far (final once ended).</param>
/// <param name="Turns">Turns so far.</param>
/// <param name="SipTrace">SIP messages so far, bounded (see <see cref="SipTraceTruncated"/>).</param>
/// <param name="SipTraceTruncated">True when messages were left out to keep the trace bounded.</param>
/// <param name="OwnerSilo">The silo whose media engine holds the call (null once ended).</param>
/// <param name="UpdatedAt">Last write to the store.</param>
[GenerateSerializer, Immutable, Alias("telepath.CallRecord")]
public sealed record CallRecord(
    string Id,
    string AccountId,
    string TrunkId,
    string Direction,
    string From,
    string To,
    string Status,
    string? DisconnectReason,
    DateTimeOffset StartTime,
    DateTimeOffset? AnswerTime,
    DateTimeOffset? EndTime,
    string? CodecUsed,
    string? Carrier,
    string? SipCallId,
    string? SourceAddress,
    CallMetricsData Metrics,
    IReadOnlyList<CallTurnData> Turns,
    IReadOnlyList<SipTraceData> SipTrace,
    bool SipTraceTruncated,
    string? OwnerSilo,
    DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// Seconds from answer to end (spec §6: duration counts from answer); for a live connected call, to
    /// <paramref name="now"/>; null for calls never answered.
    /// </summary>
    public double? DurationSecondsAt(DateTimeOffset now)
    {
        if (AnswerTime is not { } answered)
        {
            return null;
        }

        var end = EndTime ?? now;
        return Math.Max(0, Math.Round((end - answered).TotalSeconds, 3));
    }
}
