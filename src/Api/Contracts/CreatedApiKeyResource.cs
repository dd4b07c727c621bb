namespace Telepath.Api.Contracts;

/// <summary>The answer to key creation: the key plus its <c>secret</c>, shown this once and never again.</summary>
/// <param name="Id">The key's id.</param>
/// <param name="Name">Its label.</param>
/// <param name="Scopes">Granted scopes.</param>
/// <param name="RateLimitPerMinute">Its budget per minute.</param>
/// <param name="SecretHint">The first characters of the secret.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="LastUsedAt">Always null for a new key.</param>
/// <param name="Secret">The full secret.</param>
public sealed record CreatedApiKeyResource(
    string Id,
    string Name,
    IReadOnlyList<string> Scopes,
    int RateLimitPerMinute,
    string SecretHint,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    string Secret);
