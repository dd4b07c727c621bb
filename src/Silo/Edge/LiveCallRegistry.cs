using System.Collections.Concurrent;

namespace Telepath.Silo.Edge;

/// <summary>
/// The ids of calls whose media this silo holds. Graceful shutdown ends whatever is left here as
/// <c>system_shutdown</c>; a crash leaves the store rows for the sweeper (see <see cref="Calls.CallSweeper"/>).
/// </summary>
internal sealed class LiveCallRegistry
{
    private readonly ConcurrentDictionary<string, byte> _calls = new(StringComparer.Ordinal);

    /// <summary>Calls live on this silo now.</summary>
    public int Count => _calls.Count;

    /// <summary>Records a call as live here.</summary>
    public void Add(string callId) => _calls.TryAdd(callId, 0);

    /// <summary>Forgets an ended call.</summary>
    public void Remove(string callId) => _calls.TryRemove(callId, out _);

    /// <summary>A copy of the live ids.</summary>
    public IReadOnlyList<string> Snapshot() => [.. _calls.Keys];
}
