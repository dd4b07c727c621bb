namespace Telepath.Media.Edge;

/// <summary>A checkpoint of a live call.</summary>
/// <param name="CallId">The call.</param>
/// <param name="NewTurns">Turns finished since the previous checkpoint.</param>
/// <param name="Metrics">The call's metrics so far.</param>
public sealed record CallProgressEvent(string CallId, IReadOnlyList<CallTurn> NewTurns, CallMetrics Metrics);
