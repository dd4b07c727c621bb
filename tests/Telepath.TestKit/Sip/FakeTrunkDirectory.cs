using System.Collections.Concurrent;
using Telepath.Media.Edge;

namespace Telepath.TestKit.Sip;

/// <summary>An in-memory <see cref="ITrunkDirectory"/>: trunks by SIP username, counting lookups.</summary>
public sealed class FakeTrunkDirectory : ITrunkDirectory
{
    private readonly ConcurrentDictionary<string, TrunkIdentity> _trunks = new(StringComparer.Ordinal);
    private int _lookups;

    /// <summary>Gets the number of lookups so far.</summary>
    public int Lookups => Volatile.Read(ref _lookups);

    /// <summary>Adds or replaces a trunk.</summary>
    public void Add(TrunkIdentity trunk)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        _trunks[trunk.SipUsername] = trunk;
    }

    /// <inheritdoc />
    public ValueTask<TrunkIdentity?> FindByUsernameAsync(string sipUsername, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lookups);
        return ValueTask.FromResult(_trunks.TryGetValue(sipUsername, out TrunkIdentity? trunk) ? trunk : null);
    }

    /// <inheritdoc />
    public ValueTask<AgentSettings?> GetAgentSettingsAsync(string trunkId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<AgentSettings?>(null);
}
