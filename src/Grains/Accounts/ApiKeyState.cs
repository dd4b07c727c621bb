namespace Telepath.Grains.Accounts;

/// <summary>The stored part of an API key (no secret, no hash: the hash is the grain's key).</summary>
[GenerateSerializer, Alias("telepath.ApiKeyState")]
internal sealed class ApiKeyState
{
    [Id(0)] public string AccountId { get; set; } = "";
    [Id(1)] public string KeyId { get; set; } = "";
    [Id(2)] public string Name { get; set; } = "";
    [Id(3)] public List<string> Scopes { get; set; } = [];
    [Id(4)] public int RateLimitPerMinute { get; set; }
    [Id(5)] public string SecretHint { get; set; } = "";
    [Id(6)] public DateTimeOffset CreatedAt { get; set; }
    [Id(7)] public DateTimeOffset? LastUsedAt { get; set; }
    [Id(8)] public DateTimeOffset? RevokedAt { get; set; }
}
