namespace Telepath.Media.Agents;

/// <summary>What an agent is told about the call it serves.</summary>
/// <param name="CallId">Telepath's call id.</param>
/// <param name="From">The caller (user part or full URI, as the bridge chooses).</param>
/// <param name="To">The called number.</param>
/// <param name="TrunkId">The trunk the call arrived on.</param>
/// <param name="CarrierCodec">The G.711 flavour negotiated with the carrier; agent audio is exchanged in it.</param>
/// <param name="CustomParameters">Extra per-call values (custom agents receive them in <c>start.customParameters</c>).</param>
internal sealed record AgentCallContext(
    string CallId,
    string From,
    string To,
    string TrunkId,
    AgentAudioFormat CarrierCodec,
    IReadOnlyDictionary<string, string> CustomParameters);
