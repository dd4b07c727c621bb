namespace Telepath.Grains.Abstractions.Trunks;

/// <summary>What the media edge needs to reach a trunk's agent: the configuration and the encrypted secrets.</summary>
/// <param name="TrunkId">The trunk.</param>
/// <param name="Settings">The configuration.</param>
/// <param name="Secrets">Ciphertexts by field name; decrypted only by the edge, per call.</param>
[GenerateSerializer, Immutable, Alias("telepath.TrunkAgentView")]
public sealed record TrunkAgentView(string TrunkId, TrunkSettings Settings, IReadOnlyDictionary<string, byte[]> Secrets)
{
    /// <summary>Leaves the secrets out.</summary>
    public override string ToString() => $"TrunkAgentView {{ TrunkId = {TrunkId}, Provider = {Settings.Provider} }}";
}
