namespace Telepath.Api.Contracts;

/// <summary>One turn of a call (spec §6 <c>turns</c>).</summary>
/// <param name="TurnNumber">1-based order.</param>
/// <param name="Speaker"><c>caller</c> or <c>agent</c>.</param>
/// <param name="StartedAt">When it began.</param>
/// <param name="DurationMs">How long it lasted.</param>
/// <param name="ProcessingTimeMs">Agent turns: AI latency of the turn; caller turns: null.</param>
/// <param name="Interrupted">True when the caller barged in.</param>
public sealed record CallTurnResource(int TurnNumber, string Speaker, DateTimeOffset StartedAt, double DurationMs, double? ProcessingTimeMs, bool Interrupted);
