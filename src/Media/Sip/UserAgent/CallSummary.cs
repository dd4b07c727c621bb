using Telepath.Media.Edge;

namespace Telepath.Media.Sip.UserAgent;

/// <summary>What a handler reports about a finished call: turns not yet reported and the final metrics.</summary>
/// <param name="Turns">Turns to add to the call record.</param>
/// <param name="Metrics">Final metrics; the UAS fills in the setup time when the handler leaves it null.</param>
internal sealed record CallSummary(IReadOnlyList<CallTurn> Turns, CallMetrics Metrics)
{
    /// <summary>Gets a summary without turns or metrics.</summary>
    public static CallSummary Empty { get; } = new([], CallMetrics.Empty);
}
