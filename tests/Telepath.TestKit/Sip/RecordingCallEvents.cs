using System.Collections.Concurrent;
using System.Globalization;
using Telepath.Media.Edge;

namespace Telepath.TestKit.Sip;

/// <summary>An <see cref="ICallEvents"/> that records everything and hands out call ids <c>call-1</c>, <c>call-2</c>, ...</summary>
public sealed class RecordingCallEvents : ICallEvents
{
    private readonly ConcurrentQueue<CallStartedEvent> _started = new();
    private readonly ConcurrentQueue<CallAnsweredEvent> _answered = new();
    private readonly ConcurrentQueue<CallEndedEvent> _ended = new();
    private readonly ConcurrentDictionary<string, IReadOnlyList<SipTraceEntry>> _traces = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<CallEndedEvent>> _endedWaiters = new();
    private int _nextId;

    /// <summary>Gets the started events.</summary>
    public IReadOnlyList<CallStartedEvent> Started => [.. _started];

    /// <summary>Gets the answered events.</summary>
    public IReadOnlyList<CallAnsweredEvent> Answered => [.. _answered];

    /// <summary>Gets the ended events.</summary>
    public IReadOnlyList<CallEndedEvent> Ended => [.. _ended];

    /// <summary>Gets the SIP traces by call id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<SipTraceEntry>> Traces => _traces;

    /// <summary>Waits until call <paramref name="callId"/> ended (the timeout only guards against a hang).</summary>
    public Task<CallEndedEvent> WaitForEndedAsync(string callId, TimeSpan timeout) =>
        Waiter(callId).Task.WaitAsync(timeout);

    /// <summary>Waits until <paramref name="count"/> calls ended.</summary>
    public async Task WaitForEndedCountAsync(int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (_ended.Count < count)
        {
            await Task.Delay(10, cts.Token).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public ValueTask<string> CallStartedAsync(CallStartedEvent started, CancellationToken cancellationToken)
    {
        _started.Enqueue(started);
        return ValueTask.FromResult(string.Create(CultureInfo.InvariantCulture, $"call-{Interlocked.Increment(ref _nextId)}"));
    }

    /// <inheritdoc />
    public ValueTask CallAnsweredAsync(CallAnsweredEvent answered, CancellationToken cancellationToken)
    {
        _answered.Enqueue(answered);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask AgentConnectionChangedAsync(AgentConnectionEvent agent, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask CallProgressAsync(CallProgressEvent progress, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask SipTraceAsync(string callId, IReadOnlyList<SipTraceEntry> entries, CancellationToken cancellationToken)
    {
        _traces[callId] = [.. entries];
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask CallEndedAsync(CallEndedEvent ended, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ended);
        _ended.Enqueue(ended);
        Waiter(ended.CallId).TrySetResult(ended);
        return ValueTask.CompletedTask;
    }

    private TaskCompletionSource<CallEndedEvent> Waiter(string callId) =>
        _endedWaiters.GetOrAdd(callId, static _ => new TaskCompletionSource<CallEndedEvent>(TaskCreationOptions.RunContinuationsAsynchronously));
}
