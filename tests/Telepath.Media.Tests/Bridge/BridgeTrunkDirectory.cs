using Telepath.Media.Edge;
using Telepath.Media.Tests.Sip.UserAgent;

namespace Telepath.Media.Tests.Bridge;

/// <summary>One trunk (<see cref="UasHarness.Trunk"/>) whose agent settings the test sets; null settings mean the trunk is gone.</summary>
internal sealed class BridgeTrunkDirectory : ITrunkDirectory
{
    public AgentSettings? Agent { get; set; }

    public ValueTask<TrunkIdentity?> FindByUsernameAsync(string sipUsername, CancellationToken cancellationToken) =>
        ValueTask.FromResult<TrunkIdentity?>(sipUsername == UasHarness.Username ? UasHarness.Trunk() : null);

    public ValueTask<AgentSettings?> GetAgentSettingsAsync(string trunkId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Agent);
}
