namespace Telepath.Grains.Abstractions.Accounts;

/// <summary>Everything an API key is created with. The secret itself never reaches a grain, only its hash.</summary>
/// <param name="AccountId">The owning account.</param>
/// <param name="KeyId">The public id (<c>key_…</c>).</param>
/// <param name="Name">A label chosen by the creator.</param>
/// <param name="Scopes">Granted scopes.</param>
/// <param name="RateLimitPerMinute">Requests admitted per one-minute window.</param>
/// <param name="SecretHint">The first characters of the secret, shown in lists so people can tell keys apart.</param>
/// <param name="CreatedAt">Creation time.</param>
[GenerateSerializer, Immutable, Alias("telepath.ApiKeyCreateCommand")]
public sealed record ApiKeyCreateCommand(
    string AccountId,
    string KeyId,
    string Name,
    IReadOnlyList<string> Scopes,
    int RateLimitPerMinute,
    string SecretHint,
    DateTimeOffset CreatedAt);
