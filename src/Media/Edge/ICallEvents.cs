namespace Telepath.Media.Edge;

/// <summary>
/// "This happened on call X" — what the media engine reports to the silo, a few times per call at most (never per
/// packet or frame). The silo turns it into the call's grain, its record, analytics and webhooks. Calls for one call
/// are made in order, from that call's own session; implementations must not block the caller on slow consumers.
/// </summary>
public interface ICallEvents
{
    /// <summary>
    /// An INVITE reached a trunk (or failed to, after naming one): opens the call's record and returns its id
    /// (<c>call_…</c>), which every later event for this call carries.
    /// </summary>
    ValueTask<string> CallStartedAsync(CallStartedEvent started, CancellationToken cancellationToken);

    /// <summary>The call was answered (200 OK sent).</summary>
    ValueTask CallAnsweredAsync(CallAnsweredEvent answered, CancellationToken cancellationToken);

    /// <summary>The agent connection opened or closed.</summary>
    ValueTask AgentConnectionChangedAsync(AgentConnectionEvent agent, CancellationToken cancellationToken);

    /// <summary>Turns completed since the last report, with the metrics so far (a checkpoint every few seconds).</summary>
    ValueTask CallProgressAsync(CallProgressEvent progress, CancellationToken cancellationToken);

    /// <summary>SIP messages sent or received on the call since the last report, in order.</summary>
    ValueTask SipTraceAsync(string callId, IReadOnlyList<SipTraceEntry> entries, CancellationToken cancellationToken);

    /// <summary>The call ended; carries the final metrics. No event follows for this call.</summary>
    ValueTask CallEndedAsync(CallEndedEvent ended, CancellationToken cancellationToken);
}
