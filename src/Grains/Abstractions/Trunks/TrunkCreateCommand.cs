namespace Telepath.Grains.Abstractions.Trunks;

/// <summary>Everything a trunk is created with. Secrets arrive encrypted, the SIP password only as HA1 hashes.</summary>
/// <param name="TrunkId">The new trunk's id.</param>
/// <param name="AccountId">The owning account.</param>
/// <param name="SipUsername">The digest user name as given (unique case-insensitively across the installation).</param>
/// <param name="Settings">The configuration.</param>
/// <param name="Secrets">Ciphertexts by field name (<see cref="TrunkSecretFields"/>).</param>
/// <param name="Credentials">HA1 hashes of the SIP password.</param>
/// <param name="CreatedAt">Creation time.</param>
[GenerateSerializer, Immutable, Alias("telepath.TrunkCreateCommand")]
public sealed record TrunkCreateCommand(
    string TrunkId,
    string AccountId,
    string SipUsername,
    TrunkSettings Settings,
    IReadOnlyDictionary<string, byte[]> Secrets,
    SipCredentialHashes Credentials,
    DateTimeOffset CreatedAt)
{
    /// <summary>Leaves secrets and hashes out.</summary>
    public override string ToString() => $"TrunkCreateCommand {{ TrunkId = {TrunkId}, AccountId = {AccountId}, SipUsername = {SipUsername} }}";
}
