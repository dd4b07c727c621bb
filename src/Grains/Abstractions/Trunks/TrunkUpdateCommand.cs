namespace Telepath.Grains.Abstractions.Trunks;

/// <summary>
/// A new configuration for a trunk, computed by the caller from the version it read; refused when the trunk has moved
/// on since (optimistic concurrency, so two PATCHes never silently undo each other).
/// </summary>
/// <param name="TrunkId">The trunk.</param>
/// <param name="ExpectedVersion">The <see cref="TrunkView.Version"/> the change was computed from.</param>
/// <param name="Settings">The complete new configuration.</param>
/// <param name="SecretsToSet">Ciphertexts to store, by field name.</param>
/// <param name="SecretsToRemove">Fields to clear.</param>
/// <param name="UpdatedAt">Time of the change.</param>
[GenerateSerializer, Immutable, Alias("telepath.TrunkUpdateCommand")]
public sealed record TrunkUpdateCommand(
    string TrunkId,
    int ExpectedVersion,
    TrunkSettings Settings,
    IReadOnlyDictionary<string, byte[]> SecretsToSet,
    IReadOnlyList<string> SecretsToRemove,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Leaves secrets out.</summary>
    public override string ToString() => $"TrunkUpdateCommand {{ TrunkId = {TrunkId}, ExpectedVersion = {ExpectedVersion} }}";
}
