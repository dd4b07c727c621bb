namespace Telepath.Grains.Abstractions.Trunks;

/// <summary>
/// One trunk (<c>trunk_…</c>): configuration, encrypted secrets and SIP password hashes. It pushes every change that
/// matters for admission to its <see cref="ISipIdentityGrain"/>. Changes that touch the account's index (create,
/// rename, status, delete) go through <c>IAccountGrain</c>, which calls this grain.
/// </summary>
[Alias("telepath.ITrunkGrain")]
public interface ITrunkGrain : IGrainWithStringKey
{
    /// <summary>Claims the SIP user name and stores the trunk; <see cref="TrunkWriteOutcome.SipUsernameTaken"/> when the name is in use.</summary>
    [Alias("Create")]
    Task<TrunkWriteOutcome> CreateAsync(TrunkCreateCommand command);

    /// <summary>The trunk as it may be shown, or null when it does not exist or was deleted.</summary>
    [Alias("Get")]
    Task<TrunkView?> GetAsync();

    /// <summary>Configuration plus encrypted secrets for opening an agent connection, or null when gone.</summary>
    [Alias("GetAgent")]
    Task<TrunkAgentView?> GetAgentAsync();

    /// <summary>Replaces the configuration when the trunk is still at the expected version.</summary>
    [Alias("Update")]
    Task<TrunkWriteOutcome> UpdateAsync(TrunkUpdateCommand command);

    /// <summary>Installs a new password's hashes; the old ones stay valid until the rotation's expiry. False when gone.</summary>
    [Alias("RotatePassword")]
    Task<bool> RotatePasswordAsync(SipPasswordRotation rotation);

    /// <summary>Marks the trunk deleted (the record stays) and releases its SIP identity at once. False when already gone.</summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync(DateTimeOffset deletedAt);

    /// <summary>
    /// A call of this trunk ended with an agent failure (<c>agent_unreachable</c> or <c>agent_error</c>). Enough of them
    /// in a row (<see cref="TrunkHealthOptions"/>) put the trunk into <see cref="TrunkStatus.Error"/> and publish one
    /// <c>trunk.error</c> event.
    /// </summary>
    [Alias("RecordAgentFailure")]
    Task RecordAgentFailureAsync(string reason, DateTimeOffset at);

    /// <summary>A call of this trunk connected to its agent: ends a failure run and clears the error state.</summary>
    [Alias("RecordAgentConnected")]
    Task RecordAgentConnectedAsync(DateTimeOffset at);
}
