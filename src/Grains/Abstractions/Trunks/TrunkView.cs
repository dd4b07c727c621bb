namespace Telepath.Grains.Abstractions.Trunks;

/// <summary>What may be shown about a trunk: no secret, no hash, only which secrets are set.</summary>
/// <param name="TrunkId">The id.</param>
/// <param name="AccountId">The owning account.</param>
/// <param name="SipUsername">The digest user name.</param>
/// <param name="Settings">The configuration.</param>
/// <param name="SecretFields">Names of the encrypted fields that hold a value.</param>
/// <param name="Version">Incremented by every configuration change.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="UpdatedAt">Last change (configuration or password).</param>
[GenerateSerializer, Immutable, Alias("telepath.TrunkView")]
public sealed record TrunkView(
    string TrunkId,
    string AccountId,
    string SipUsername,
    TrunkSettings Settings,
    IReadOnlyList<string> SecretFields,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
