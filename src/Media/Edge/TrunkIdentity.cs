using Telepath.Media.Sip.Auth;

namespace Telepath.Media.Edge;

/// <summary>What the SIP stack needs to admit an INVITE for one trunk.</summary>
/// <param name="TrunkId">The trunk (<c>trunk_…</c>).</param>
/// <param name="AccountId">The trunk's account.</param>
/// <param name="SipUsername">The digest user name, as configured.</param>
/// <param name="Status">Whether calls may be taken.</param>
/// <param name="Credentials">
/// HA1 values currently valid for digest authentication (MD5 and SHA-256, plus the previous password's during a
/// rotation grace period). Already filtered by expiry.
/// </param>
/// <param name="AllowedSourceCidrs">When not empty, INVITEs from other source addresses are refused before any challenge.</param>
/// <param name="InboundNumbers">When not empty, the called number must be one of these E.164 numbers (else 403).</param>
public sealed record TrunkIdentity(
    string TrunkId,
    string AccountId,
    string SipUsername,
    TrunkAdmission Status,
    IReadOnlyList<DigestHa1> Credentials,
    IReadOnlyList<string> AllowedSourceCidrs,
    IReadOnlyList<string> InboundNumbers)
{
    /// <summary>Keeps HA1 values out of logs and traces.</summary>
    public override string ToString() => $"TrunkIdentity {{ TrunkId = {TrunkId}, SipUsername = {SipUsername}, Status = {Status} }}";
}
