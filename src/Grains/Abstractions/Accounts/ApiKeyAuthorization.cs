namespace Telepath.Grains.Abstractions.Accounts;

/// <summary>The answer to one request: the verdict plus the numbers behind the rate-limit headers.</summary>
/// <param name="Outcome">The verdict.</param>
/// <param name="AccountId">The key's account, when the key exists.</param>
/// <param name="KeyId">The key's id, when it exists.</param>
/// <param name="Limit">The budget reported in <c>X-RateLimit-Limit</c> (the tighter one on costly endpoints).</param>
/// <param name="Remaining">What is left of that budget after this request.</param>
/// <param name="ResetAtUnixSeconds">When the current window ends.</param>
/// <param name="RetryAfterSeconds">Seconds until a refused request may be retried; 0 otherwise.</param>
[GenerateSerializer, Immutable, Alias("telepath.ApiKeyAuthorization")]
public sealed record ApiKeyAuthorization(
    ApiKeyOutcome Outcome,
    string? AccountId,
    string? KeyId,
    int Limit,
    int Remaining,
    long ResetAtUnixSeconds,
    int RetryAfterSeconds)
{
    /// <summary>True when the key exists and is live, whatever else was decided.</summary>
    public bool Authenticated => Outcome is ApiKeyOutcome.Allowed or ApiKeyOutcome.InsufficientScope or ApiKeyOutcome.RateLimited;
}
