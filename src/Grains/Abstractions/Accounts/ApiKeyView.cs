namespace Telepath.Grains.Abstractions.Accounts;

/// <summary>What may be shown about an API key: never the secret, never its hash.</summary>
/// <param name="AccountId">The owning account.</param>
/// <param name="KeyId">The public id.</param>
/// <param name="Name">The label.</param>
/// <param name="Scopes">Granted scopes.</param>
/// <param name="RateLimitPerMinute">Requests admitted per minute.</param>
/// <param name="SecretHint">The secret's first characters.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="LastUsedAt">Last authenticated request, to the minute; null when never used.</param>
/// <param name="RevokedAt">Revocation time; null while the key is live.</param>
[GenerateSerializer, Immutable, Alias("telepath.ApiKeyView")]
public sealed record ApiKeyView(
    string AccountId,
    string KeyId,
    string Name,
    IReadOnlyList<string> Scopes,
    int RateLimitPerMinute,
    string SecretHint,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt);
