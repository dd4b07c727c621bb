namespace Telepath.Grains.Abstractions.Calls;

/// <summary>Ends a call.</summary>
/// <param name="EndedAt">When it ended.</param>
/// <param name="Status"><see cref="CallStatuses.Completed"/>, <see cref="CallStatuses.Failed"/> or <see cref="CallStatuses.Dropped"/>.</param>
/// <param name="DisconnectReason">Spec §6 <c>disconnect_reason</c>.</param>
/// <param name="NewTurns">Turns finished since the last checkpoint.</param>
/// <param name="Metrics">Final metrics, or null to keep the last reported ones (a sweeper ending an orphaned call).</param>
[GenerateSerializer, Immutable, Alias("telepath.CallEndCommand")]
public sealed record CallEndCommand(DateTimeOffset EndedAt, string Status, string DisconnectReason, IReadOnlyList<CallTurnData> NewTurns, CallMetricsData? Metrics);
