using System.Collections.Concurrent;
using Telepath.Media.Edge;
using Telepath.TestKit.Sip;

namespace Telepath.Media.Tests.Bridge;

/// <summary>Records every call event, including the agent-connection and progress events the SIP-only fake ignores.</summary>
internal sealed class BridgeCallEvents : ICallEvents
{
    private readonly RecordingCallEvents _inner = new();
    private readonly ConcurrentQueue<AgentConnectionEvent> _agent = new();
    private readonly ConcurrentQueue<CallProgressEvent> _progress = new();
    private readonly ConcurrentQueue<string> _order = new();

    public IReadOnlyList<AgentConnectionEvent> Agent => [.. _agent];

    public IReadOnlyList<CallProgressEvent> Progress => [.. _progress];

    public IReadOnlyList<CallAnsweredEvent> Answered => _inner.Answered;

    /// <summary>Gets the event kinds in the order they were reported.</summary>
    public IReadOnlyList<string> Order => [.. _order];

    public Task<CallEndedEvent> WaitForEndedAsync(string callId) => _inner.WaitForEndedAsync(callId, TimeSpan.FromSeconds(15));

    public ValueTask<string> CallStartedAsync(CallStartedEvent started, CancellationToken cancellationToken)
    {
        _order.Enqueue("started");
        return _inner.CallStartedAsync(started, cancellationToken);
    }

    public ValueTask CallAnsweredAsync(CallAnsweredEvent answered, CancellationToken cancellationToken)
    {
        _order.Enqueue("answered");
        return _inner.CallAnsweredAsync(answered, cancellationToken);
    }

    public ValueTask AgentConnectionChangedAsync(AgentConnectionEvent agent, CancellationToken cancellationToken)
    {
        _order.Enqueue(agent.Connected ? "agent_connected" : "agent_closed");
        _agent.Enqueue(agent);
        return ValueTask.CompletedTask;
    }

    public ValueTask CallProgressAsync(CallProgressEvent progress, CancellationToken cancellationToken)
    {
        _progress.Enqueue(progress);
        return ValueTask.CompletedTask;
    }

    public ValueTask SipTraceAsync(string callId, IReadOnlyList<SipTraceEntry> entries, CancellationToken cancellationToken) =>
        _inner.SipTraceAsync(callId, entries, cancellationToken);

    public ValueTask CallEndedAsync(CallEndedEvent ended, CancellationToken cancellationToken)
    {
        _order.Enqueue("ended");
        return _inner.CallEndedAsync(ended, cancellationToken);
    }
}
