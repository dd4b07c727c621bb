using Telepath.Grains.Abstractions.Trunks;
using Telepath.Grains.Hosting;

namespace Telepath.Grains.Trunks;

/// <summary>
/// One SIP user name. Claims are decided here, one at a time, so two trunks created with the same name at once
/// cannot both win; the SIP stack reads admission data from here, so a delete or rotation counts on the next INVITE.
/// </summary>
internal sealed class SipIdentityGrain : Grain, ISipIdentityGrain
{
    private readonly IPersistentState<SipIdentityState> _state;
    private readonly TimeProvider _timeProvider;

    public SipIdentityGrain([PersistentState("sipidentity", StorageNames.Default)] IPersistentState<SipIdentityState> state, TimeProvider timeProvider)
    {
        _state = state;
        _timeProvider = timeProvider;
    }

    public async Task<bool> ClaimAsync(SipIdentityView identity)
    {
        var current = _state.State.Identity;
        if (current is not null && current.Admission != SipAdmission.Deleted && current.TrunkId != identity.TrunkId)
        {
            return false;
        }

        _state.State.Identity = identity;
        await _state.WriteStateAsync();
        return true;
    }

    public async Task<bool> UpdateAsync(SipIdentityView identity)
    {
        var current = _state.State.Identity;
        if (current is null || current.TrunkId != identity.TrunkId || current.Admission == SipAdmission.Deleted)
        {
            return false;
        }

        _state.State.Identity = identity;
        await _state.WriteStateAsync();
        return true;
    }

    public async Task<bool> ReleaseAsync(string trunkId)
    {
        var current = _state.State.Identity;
        if (current is null || current.TrunkId != trunkId)
        {
            return false;
        }

        // The hashes go: a deleted trunk's password must never authenticate again, even if the name is reclaimed.
        _state.State.Identity = current with
        {
            Admission = SipAdmission.Deleted,
            Current = new SipCredentialHashes("", ""),
            Previous = null,
            PreviousExpiresAt = null,
        };
        await _state.WriteStateAsync();
        return true;
    }

    public Task<SipIdentityView?> GetAsync()
    {
        var identity = _state.State.Identity;
        if (identity is { Previous: not null, PreviousExpiresAt: { } expires } && expires <= _timeProvider.GetUtcNow())
        {
            // Expired grace hashes are dropped from answers; storage catches up at the next write.
            identity = identity with { Previous = null, PreviousExpiresAt = null };
        }

        return Task.FromResult(identity);
    }
}
