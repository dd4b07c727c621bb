namespace Telepath.Media.Edge;

/// <summary>
/// "Who is this INVITE for, and may it in?" — what the media engine asks the silo about trunks. The silo answers
/// from its grains; the media engine never sees storage or Orleans. Implementations answer from the single
/// authority for a SIP identity, so a deleted trunk or a rotated password takes effect on the very next INVITE.
/// </summary>
public interface ITrunkDirectory
{
    /// <summary>The trunk whose SIP identity is <paramref name="sipUsername"/> (case-insensitive), or null.</summary>
    ValueTask<TrunkIdentity?> FindByUsernameAsync(string sipUsername, CancellationToken cancellationToken);

    /// <summary>How to reach the trunk's AI agent, provider secrets decrypted; null when the trunk is gone.</summary>
    ValueTask<AgentSettings?> GetAgentSettingsAsync(string trunkId, CancellationToken cancellationToken);
}
