namespace Telepath.Grains.Abstractions.Calls;

/// <summary>
/// One call (key = call id). Activated by the silo whose media engine owns the call, which makes the first call
/// (prefer-local placement). Methods are idempotent about the lifecycle: nothing moves an ended call.
/// </summary>
[Alias("telepath.ICallGrain")]
public interface ICallGrain : IGrainWithStringKey
{
    /// <summary>Opens the call (status ringing) and writes its first record.</summary>
    [Alias("Start")]
    Task StartAsync(CallRecord call);

    /// <summary>The call was answered: status connected.</summary>
    [Alias("Answer")]
    Task AnswerAsync(DateTimeOffset answeredAt, string codec, double setupMs);

    /// <summary>A checkpoint: new turns and the metrics so far. Written to the store at most every few seconds.</summary>
    [Alias("Progress")]
    Task ProgressAsync(IReadOnlyList<CallTurnData> newTurns, CallMetricsData metrics);

    /// <summary>
    /// The agent connection opened (<paramref name="connected"/>) or closed (with <paramref name="reason"/>): publishes
    /// <c>agent.connected</c> / <c>agent.disconnected</c>, and a connection tells the trunk its agent works again.
    /// </summary>
    [Alias("AgentConnectionChanged")]
    Task AgentConnectionChangedAsync(bool connected, DateTimeOffset at, string? reason);

    /// <summary>Appends SIP messages to the bounded trace.</summary>
    [Alias("AppendSipTrace")]
    Task AppendSipTraceAsync(IReadOnlyList<SipTraceData> entries);

    /// <summary>Ends the call; false when it had already ended (or is unknown).</summary>
    [Alias("End")]
    Task<bool> EndAsync(CallEndCommand command);

    /// <summary>
    /// Ends a live call whose owning silo is gone (crash sweeper) or going (graceful shutdown) with status dropped.
    /// Loads the record from the store when this activation holds none. False when the call had already ended.
    /// </summary>
    [Alias("Abandon")]
    Task<bool> AbandonAsync(string disconnectReason, DateTimeOffset at);

    /// <summary>The live record held by this activation, or null when it holds none (the store is then authoritative).</summary>
    [Alias("GetLive")]
    Task<CallRecord?> GetLiveAsync();
}
