using Telepath.Grains.Abstractions.Trunks;

namespace Telepath.Grains.Abstractions.Accounts;

/// <summary>One account (<c>acct_…</c>): its name and the indexes of what it owns.</summary>
[Alias("telepath.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account when it does not exist yet; returns its name.</summary>
    [Alias("EnsureCreated")]
    Task<string> EnsureCreatedAsync(string name, DateTimeOffset createdAt);

    /// <summary>True once the account was created.</summary>
    [Alias("Exists")]
    Task<bool> ExistsAsync();

    /// <summary>Indexes and creates a key whose secret hashes to <paramref name="secretHash"/>.</summary>
    [Alias("AddApiKey")]
    Task<ApiKeyView> AddApiKeyAsync(ApiKeyCreateCommand command, string secretHash);

    /// <summary>The account's live keys, newest first.</summary>
    [Alias("ListApiKeys")]
    Task<IReadOnlyList<ApiKeyView>> ListApiKeysAsync();

    /// <summary>Revokes one of the account's keys; false when the account has no such live key.</summary>
    [Alias("RevokeApiKey")]
    Task<bool> RevokeApiKeyAsync(string keyId, DateTimeOffset revokedAt);

    /// <summary>
    /// Creates a trunk: checks the name is unique in the account (case-insensitive), then has the trunk claim its SIP
    /// user name. Creates of one account run one at a time here, so name races have exactly one winner.
    /// </summary>
    [Alias("CreateTrunk")]
    Task<TrunkWriteOutcome> CreateTrunkAsync(TrunkCreateCommand command);

    /// <summary>Changes one of the account's trunks, keeping the index (name, status, provider) in step.</summary>
    [Alias("UpdateTrunk")]
    Task<TrunkWriteOutcome> UpdateTrunkAsync(TrunkUpdateCommand command);

    /// <summary>Deletes one of the account's trunks and frees its name; false when the account has no such live trunk.</summary>
    [Alias("DeleteTrunk")]
    Task<bool> DeleteTrunkAsync(string trunkId, DateTimeOffset deletedAt);

    /// <summary>The index of the account's live trunks, newest first.</summary>
    [Alias("ListTrunks")]
    Task<IReadOnlyList<TrunkSummary>> ListTrunksAsync();

    /// <summary>
    /// Keeps the index's status of a trunk in step with its agent health, so <c>GET /v1/trunks?status=error</c> finds it:
    /// an active trunk shows <c>error</c> while <paramref name="error"/> is true; an inactive one stays inactive.
    /// </summary>
    [Alias("SetTrunkError")]
    Task SetTrunkErrorAsync(string trunkId, bool error);
}
