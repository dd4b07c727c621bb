namespace Telepath.Api.Contracts;

/// <summary>One HTTP attempt of a delivery.</summary>
/// <param name="Attempt">1 for the first.</param>
/// <param name="AttemptedAt">When it was sent.</param>
/// <param name="StatusCode">The receiver's HTTP status, or null (timeout, refused, TLS failure).</param>
/// <param name="LatencyMs">Milliseconds to the response headers or the failure.</param>
/// <param name="Error">What went wrong, or null.</param>
public sealed record WebhookAttemptResource(int Attempt, DateTimeOffset AttemptedAt, int? StatusCode, int LatencyMs, string? Error);
