namespace Telepath.Grains.Abstractions.Trunks;

/// <summary>
/// One SIP user name, keyed by <see cref="SipIdentityKey.For"/>. Its single activation decides races for the name
/// (exactly one trunk wins a claim) and answers the SIP stack's "who is this INVITE for" with no cache in between.
/// </summary>
[Alias("telepath.ISipIdentityGrain")]
public interface ISipIdentityGrain : IGrainWithStringKey
{
    /// <summary>
    /// Claims the name for <see cref="SipIdentityView.TrunkId"/>: succeeds when the name is free, released by a
    /// deleted trunk, or already this trunk's. False when another live trunk holds it.
    /// </summary>
    [Alias("Claim")]
    Task<bool> ClaimAsync(SipIdentityView identity);

    /// <summary>Replaces the identity's admission data; ignored (false) unless the caller's trunk holds the name.</summary>
    [Alias("Update")]
    Task<bool> UpdateAsync(SipIdentityView identity);

    /// <summary>Refuses all INVITEs from now on and frees the name for another trunk; false unless the trunk holds it.</summary>
    [Alias("Release")]
    Task<bool> ReleaseAsync(string trunkId);

    /// <summary>The identity, or null when the name was never claimed.</summary>
    [Alias("Get")]
    Task<SipIdentityView?> GetAsync();
}
