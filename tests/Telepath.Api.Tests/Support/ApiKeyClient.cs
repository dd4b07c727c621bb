using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Telepath.Grains.Abstractions.Accounts;
using Telepath.Grains.Abstractions.Identifiers;
using Telepath.Silo.Tests.Support;

namespace Telepath.Api.Tests.Support;

/// <summary>An account's key, minted through the grains (as the admin CLI does), and requests that carry it.</summary>
public sealed class ApiKeyClient
{
    private readonly SiloProcess _silo;

    private ApiKeyClient(SiloProcess silo, string accountId, string keyId, string secret)
    {
        _silo = silo;
        AccountId = accountId;
        KeyId = keyId;
        Secret = secret;
    }

    /// <summary>The key's account.</summary>
    public string AccountId { get; }

    /// <summary>The key's id.</summary>
    public string KeyId { get; }

    /// <summary>The key's secret.</summary>
    public string Secret { get; }

    /// <summary>Mints a key in <paramref name="accountId"/> (a new account when null).</summary>
    public static async Task<ApiKeyClient> CreateAsync(SiloProcess silo, string? accountId, IReadOnlyList<string>? scopes, int rateLimitPerMinute)
    {
        var ids = new ResourceIdGenerator(TimeProvider.System);
        accountId ??= ids.New(ResourcePrefixes.Account);
        var account = silo.Grains.GetGrain<IAccountGrain>(accountId);
        await account.EnsureCreatedAsync("test account", DateTimeOffset.UtcNow);
        var secret = ApiKeySecrets.Generate();
        var command = new ApiKeyCreateCommand(accountId, ids.New(ResourcePrefixes.ApiKey), "test key", scopes ?? ApiKeyScopes.All, rateLimitPerMinute, ApiKeySecrets.Hint(secret), DateTimeOffset.UtcNow);
        var view = await account.AddApiKeyAsync(command, ApiKeySecrets.GrainKey(secret));
        return new ApiKeyClient(silo, accountId, view.KeyId, secret);
    }

    /// <summary>Another key in the same account.</summary>
    public Task<ApiKeyClient> SiblingAsync(IReadOnlyList<string>? scopes = null, int rateLimitPerMinute = 6000) =>
        CreateAsync(_silo, AccountId, scopes, rateLimitPerMinute);

    /// <summary>Sends a request with the key as a bearer token.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? json = null, HttpClient? via = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        if (json is string raw)
        {
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        }
        else if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }

        return (via ?? _silo.Https).SendAsync(request);
    }

    /// <summary>GET with the key.</summary>
    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path);
}
