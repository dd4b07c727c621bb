namespace Telepath.Media.Edge;

/// <summary>The call's agent connection opened (<paramref name="Connected"/> true) or closed.</summary>
/// <param name="CallId">The call.</param>
/// <param name="TrunkId">The call's trunk.</param>
/// <param name="Connected">True when it opened.</param>
/// <param name="At">When.</param>
/// <param name="Reason">Why it closed (for example <c>agent_hangup</c>, <c>agent_error</c>), or null.</param>
public sealed record AgentConnectionEvent(string CallId, string TrunkId, bool Connected, DateTimeOffset At, string? Reason);
