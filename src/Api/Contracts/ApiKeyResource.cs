namespace Telepath.Api.Contracts;

/// <summary>An API key as the API shows it: never the secret.</summary>
/// <param name="Id">The key's id (<c>key_…</c>).</param>
/// <param name="Name">Its label.</param>
/// <param name="Scopes">Granted scopes.</param>
/// <param name="RateLimitPerMinute">Its budget per minute.</param>
/// <param name="SecretHint">The first characters of the secret, to tell keys apart.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="LastUsedAt">Last use, to the minute, or null.</param>
public sealed record ApiKeyResource(
    string Id,
    string Name,
    IReadOnlyList<string> Scopes,
    int RateLimitPerMinute,
    string SecretHint,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt);
