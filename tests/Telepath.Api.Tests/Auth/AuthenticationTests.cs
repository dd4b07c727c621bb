using System.Net;
using System.Net.Http.Headers;
using Telepath.Api.Tests.Support;
using Telepath.Silo.Tests.Support;

namespace Telepath.Api.Tests.Auth;

/// <summary>Spec §2: how a key is presented, and the 401 for every way it can be wrong.</summary>
public sealed class AuthenticationTests : IClassFixture<ApiSiloFixture>
{
    private readonly ApiSiloFixture _fixture;

    public AuthenticationTests(ApiSiloFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Request_without_a_key_gets_401_unauthorized_with_a_bearer_challenge()
    {
        using var response = await _fixture.Silo.Https.GetAsync("/v1/api-keys");
        await ErrorBody.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer sk_live_short")]
    [InlineData("Bearer sk_test_0123456789abcdefghijABCDEFGHIJ01")]
    [InlineData("Basic c2tfbGl2ZV86eA==")]
    [InlineData("Bearer sk_live_0123456789abcdefghij!@#$%^&*()ABCD")]
    public async Task Malformed_credentials_get_401_unauthorized(string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/api-keys");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await _fixture.Silo.Https.SendAsync(request);
        await ErrorBody.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Well_formed_but_unknown_key_gets_401_unauthorized()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/api-keys");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Grains.Abstractions.Accounts.ApiKeySecrets.Generate());
        using var response = await _fixture.Silo.Https.SendAsync(request);
        await ErrorBody.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
    }

    [Fact]
    public async Task Key_is_accepted_as_bearer_token_and_as_x_api_key_header()
    {
        var key = await _fixture.NewKeyAsync();
        using var bearer = await key.GetAsync("/v1/api-keys");
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/api-keys");
        request.Headers.Add("X-API-Key", key.Secret);
        using var header = await _fixture.Silo.Https.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, header.StatusCode);
    }

    [Fact]
    public async Task Revoked_key_is_refused_on_the_very_next_request()
    {
        var admin = await _fixture.NewKeyAsync();
        var victim = await admin.SiblingAsync();
        using (var before = await victim.GetAsync("/v1/api-keys"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using (var revoke = await admin.SendAsync(HttpMethod.Delete, "/v1/api-keys/" + victim.KeyId))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        using var after = await victim.GetAsync("/v1/api-keys");
        await ErrorBody.AssertAsync(after, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Unknown_v1_route_still_needs_a_key()
    {
        using var response = await _fixture.Silo.Https.GetAsync("/v1/no-such-thing");
        await ErrorBody.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Unknown_v1_route_with_a_key_gets_404_with_rate_limit_headers()
    {
        var key = await _fixture.NewKeyAsync();
        using var response = await key.GetAsync("/v1/no-such-thing");
        await ErrorBody.AssertAsync(response, HttpStatusCode.NotFound, "not_found");
        Assert.True(response.Headers.Contains("X-RateLimit-Remaining"));
    }
}
