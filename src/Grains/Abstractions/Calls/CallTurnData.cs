namespace Telepath.Grains.Abstractions.Calls;

/// <summary>One turn of a conversation (spec §6 <c>turns</c>).</summary>
/// <param name="TurnNumber">1-based order in the call.</param>
/// <param name="Speaker"><c>caller</c> or <c>agent</c>.</param>
/// <param name="StartedAt">When the turn began.</param>
/// <param name="DurationMs">How long it lasted.</param>
/// <param name="ProcessingTimeMs">Agent turns: the AI latency of the turn; caller turns: null.</param>
/// <param name="Interrupted">True when the caller barged in.</param>
[GenerateSerializer, Immutable, Alias("telepath.CallTurnData")]
public sealed record CallTurnData(int TurnNumber, string Speaker, DateTimeOffset StartedAt, double DurationMs, double? ProcessingTimeMs, bool Interrupted);
