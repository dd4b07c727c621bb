namespace Telepath.Grains.Abstractions.Accounts;

/// <summary>
/// One API key, keyed by <c>sha256:</c> + the hex SHA-256 of its secret. Its single activation authenticates,
/// checks scope and counts every request made with the key, so a limit is exact however many silos serve it.
/// </summary>
[Alias("telepath.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Creates the key; false when a key with this secret already exists.</summary>
    [Alias("Create")]
    Task<bool> CreateAsync(ApiKeyCreateCommand command);

    /// <summary>Authenticates one request, checks its scope and draws from the key's budgets, all at once.</summary>
    [Alias("Authorize")]
    Task<ApiKeyAuthorization> AuthorizeAsync(ApiRequestCost cost);

    /// <summary>The key as it may be shown, or null when there is no such key.</summary>
    [Alias("Get")]
    Task<ApiKeyView?> GetAsync();

    /// <summary>Revokes the key; the very next request with it is refused. False when there is no such live key.</summary>
    [Alias("Revoke")]
    Task<bool> RevokeAsync(DateTimeOffset revokedAt);
}
