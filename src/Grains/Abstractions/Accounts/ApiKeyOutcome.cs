namespace Telepath.Grains.Abstractions.Accounts;

/// <summary>The verdict on one request's key.</summary>
[GenerateSerializer, Alias("telepath.ApiKeyOutcome")]
public enum ApiKeyOutcome
{
    /// <summary>Authenticated, in scope, within budget: counted and admitted.</summary>
    Allowed = 0,

    /// <summary>No key with this secret exists.</summary>
    Unknown = 1,

    /// <summary>The key was revoked.</summary>
    Revoked = 2,

    /// <summary>The key lacks the endpoint's scope (the request still counts against the budget).</summary>
    InsufficientScope = 3,

    /// <summary>The key's budget for the current window is spent.</summary>
    RateLimited = 4,
}
