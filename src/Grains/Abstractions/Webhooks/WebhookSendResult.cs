namespace Telepath.Grains.Abstractions.Webhooks;

/// <summary>The outcome of one HTTP attempt.</summary>
/// <param name="Succeeded">True for a 2xx within the timeout.</param>
/// <param name="StatusCode">The HTTP status, or null when none came.</param>
/// <param name="LatencyMs">Time to the response headers or the failure.</param>
/// <param name="Error">A short description of the failure.</param>
/// <param name="AttemptedAt">When the request started.</param>
public sealed record WebhookSendResult(bool Succeeded, int? StatusCode, int LatencyMs, string? Error, DateTimeOffset AttemptedAt);
