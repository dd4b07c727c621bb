namespace Telepath.Api.Contracts;

/// <summary>Body of <c>POST /v1/api-keys</c>.</summary>
public sealed class CreateApiKeyRequest
{
    /// <summary>A label, 1–100 characters. Required.</summary>
    public string? Name { get; init; }

    /// <summary>Scopes to grant; absent means all scopes. When present it must not be empty.</summary>
    public List<string>? Scopes { get; init; }

    /// <summary>Requests per minute, 1–100000; absent means the default of 6000.</summary>
    public int? RateLimitPerMinute { get; init; }
}
