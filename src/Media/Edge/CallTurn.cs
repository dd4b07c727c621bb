namespace Telepath.Media.Edge;

/// <summary>One turn of the conversation (spec §6 <c>turns</c>).</summary>
/// <param name="TurnNumber">1-based order in the call.</param>
/// <param name="Speaker">Who spoke.</param>
/// <param name="StartedAt">When the turn began.</param>
/// <param name="DurationMs">How long it lasted.</param>
/// <param name="ProcessingTimeMs">
/// Agent turns: caller end of speech → first agent audio (the AI latency of this turn). Caller turns: null.
/// </param>
/// <param name="Interrupted">True when the caller barged in and the turn was cut short.</param>
public sealed record CallTurn(int TurnNumber, TurnSpeaker Speaker, DateTimeOffset StartedAt, double DurationMs, double? ProcessingTimeMs, bool Interrupted);
