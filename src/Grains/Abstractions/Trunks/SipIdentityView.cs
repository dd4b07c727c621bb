namespace Telepath.Grains.Abstractions.Trunks;

/// <summary>One SIP identity as the SIP stack sees it: who owns it, whether it takes calls, and its digest hashes.</summary>
/// <param name="SipUsername">The user name as configured.</param>
/// <param name="TrunkId">The owning trunk.</param>
/// <param name="AccountId">The trunk's account.</param>
/// <param name="Admission">Whether INVITEs are taken.</param>
/// <param name="Current">HA1s of the current password.</param>
/// <param name="Previous">HA1s of the previous password during a rotation grace period, or null.</param>
/// <param name="PreviousExpiresAt">When <paramref name="Previous"/> stops authenticating, or null.</param>
/// <param name="AllowedSourceCidrs">Source networks admitted; empty means any.</param>
/// <param name="InboundNumbers">Called numbers admitted; empty means any.</param>
[GenerateSerializer, Immutable, Alias("telepath.SipIdentityView")]
public sealed record SipIdentityView(
    string SipUsername,
    string TrunkId,
    string AccountId,
    SipAdmission Admission,
    SipCredentialHashes Current,
    SipCredentialHashes? Previous,
    DateTimeOffset? PreviousExpiresAt,
    IReadOnlyList<string> AllowedSourceCidrs,
    IReadOnlyList<string> InboundNumbers)
{
    /// <summary>Leaves the hashes out.</summary>
    public override string ToString() => $"SipIdentityView {{ SipUsername = {SipUsername}, TrunkId = {TrunkId}, Admission = {Admission} }}";
}
