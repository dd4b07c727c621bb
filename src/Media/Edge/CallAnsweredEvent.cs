namespace Telepath.Media.Edge;

/// <summary>The call was answered.</summary>
/// <param name="CallId">The call.</param>
/// <param name="AnsweredAt">When the 200 OK was sent.</param>
/// <param name="Codec">The negotiated codec (<c>PCMU</c>, <c>PCMA</c>, …).</param>
/// <param name="SetupMs">INVITE received → 200 OK sent, in milliseconds.</param>
public sealed record CallAnsweredEvent(string CallId, DateTimeOffset AnsweredAt, string Codec, double SetupMs);
