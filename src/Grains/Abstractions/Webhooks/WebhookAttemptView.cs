namespace Telepath.Grains.Abstractions.Webhooks;

/// <summary>One HTTP attempt of a delivery.</summary>
/// <param name="Attempt">1 for the first attempt.</param>
/// <param name="AttemptedAt">When it was sent.</param>
/// <param name="StatusCode">The receiver's HTTP status, or null when no response came (timeout, refused, TLS).</param>
/// <param name="LatencyMs">Time to the response headers, or to the failure.</param>
/// <param name="Error">What went wrong, trimmed; null on success.</param>
[GenerateSerializer, Immutable, Alias("telepath.WebhookAttemptView")]
public sealed record WebhookAttemptView(
    [property: Id(0)] int Attempt,
    [property: Id(1)] DateTimeOffset AttemptedAt,
    [property: Id(2)] int? StatusCode,
    [property: Id(3)] int LatencyMs,
    [property: Id(4)] string? Error);
