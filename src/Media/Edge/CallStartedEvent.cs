namespace Telepath.Media.Edge;

/// <summary>An INVITE that names a trunk arrived.</summary>
/// <param name="TrunkId">The trunk the INVITE is for.</param>
/// <param name="AccountId">The trunk's account.</param>
/// <param name="From">Caller number or URI user part, as the carrier sent it.</param>
/// <param name="To">Called number, as the carrier sent it.</param>
/// <param name="Carrier">Best guess at the carrier (User-Agent, source), or null.</param>
/// <param name="SourceAddress">Where the INVITE came from (ip:port).</param>
/// <param name="SipCallId">The SIP Call-ID header, for correlating with carrier logs.</param>
/// <param name="StartedAt">When the INVITE was received.</param>
public sealed record CallStartedEvent(
    string TrunkId,
    string AccountId,
    string From,
    string To,
    string? Carrier,
    string SourceAddress,
    string SipCallId,
    DateTimeOffset StartedAt);
