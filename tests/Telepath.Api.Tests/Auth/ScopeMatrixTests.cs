using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Telepath.Api.Auth;
using Telepath.Api.Tests.Support;
using Telepath.Grains.Abstractions.Accounts;
using Telepath.Silo.Tests.Support;

namespace Telepath.Api.Tests.Auth;

/// <summary>
/// Spec §2: each scope admits exactly its endpoints. The matrix is read from the running silo's own routes, so an
/// endpoint added later is covered without editing this test.
/// </summary>
public sealed partial class ScopeMatrixTests : IClassFixture<ApiSiloFixture>
{
    private readonly ApiSiloFixture _fixture;

    public ScopeMatrixTests(ApiSiloFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public void Every_v1_endpoint_declares_one_known_scope()
    {
        var endpoints = ScopedEndpoints();
        Assert.NotEmpty(endpoints);
        foreach (var (method, pattern, scope) in endpoints)
        {
            Assert.True(scope is not null && ApiKeyScopes.IsKnown(scope), $"{method} {pattern} declares no known scope");
        }
    }

    [Fact]
    public async Task A_key_with_every_scope_but_the_required_one_gets_403_naming_that_scope()
    {
        foreach (var (method, pattern, scope) in ScopedEndpoints())
        {
            var key = await _fixture.NewKeyAsync(ApiKeyScopes.All.Where(s => s != scope).ToArray());
            using var response = await key.SendAsync(new HttpMethod(method), Concrete(pattern), method is "POST" or "PATCH" ? "{}" : null);
            var error = await ErrorBody.AssertAsync(response, HttpStatusCode.Forbidden, "insufficient_scope");
            Assert.Contains(scope!, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_key_with_only_the_required_scope_passes_the_scope_check()
    {
        foreach (var (method, pattern, scope) in ScopedEndpoints())
        {
            var key = await _fixture.NewKeyAsync([scope!]);
            using var response = await key.SendAsync(new HttpMethod(method), Concrete(pattern), method is "POST" or "PATCH" ? "{}" : null);
            Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    private List<(string Method, string Pattern, string? Scope)> ScopedEndpoints()
    {
        var sources = _fixture.Silo.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var found = new List<(string, string, string?)>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (!pattern.StartsWith("/v1/", StringComparison.Ordinal) || pattern.StartsWith(ApiSiloFixture.FailingRoute, StringComparison.Ordinal))
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var scope = endpoint.Metadata.GetMetadata<RequiredScopeMetadata>()?.Scope;
            foreach (var method in methods)
            {
                found.Add((method, pattern, scope));
            }
        }

        return found;
    }

    /// <summary>Fills route parameters with well-formed ids that exist nowhere.</summary>
    private static string Concrete(string pattern) =>
        RouteParameter().Replace(pattern, "key_00000000000000000000000000");

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
