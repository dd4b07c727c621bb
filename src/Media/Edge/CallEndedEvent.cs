namespace Telepath.Media.Edge;

/// <summary>The call ended.</summary>
/// <param name="CallId">The call.</param>
/// <param name="EndedAt">When.</param>
/// <param name="Outcome">Completed, failed or dropped (spec §6 <c>status</c>).</param>
/// <param name="DisconnectReason">Spec §6 <c>disconnect_reason</c>, e.g. <c>caller_hangup</c>, <c>auth_failed</c>.</param>
/// <param name="NewTurns">Turns finished since the last checkpoint.</param>
/// <param name="Metrics">Final metrics.</param>
public sealed record CallEndedEvent(string CallId, DateTimeOffset EndedAt, CallOutcome Outcome, string DisconnectReason, IReadOnlyList<CallTurn> NewTurns, CallMetrics Metrics);
