using System.Net;
using System.Text.Json;
using Telepath.Api.Tests.Support;

namespace Telepath.Api.Tests.OpenApi;

/// <summary>Spec §9: the machine-readable contract at <c>/openapi/v1.json</c> and an interactive page, both without a key.</summary>
public sealed class OpenApiDocumentTests : IClassFixture<ApiSiloFixture>
{
    private readonly ApiSiloFixture _fixture;

    public OpenApiDocumentTests(ApiSiloFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Document_is_served_without_a_key_and_describes_security_paths_and_errors()
    {
        using var response = await _fixture.Silo.Https.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);

        var schemes = root.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("X-API-Key", schemes.GetProperty("apiKeyHeader").GetProperty("name").GetString());

        var create = root.GetProperty("paths").GetProperty("/v1/api-keys").GetProperty("post");
        Assert.True(create.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        var responses = create.GetProperty("responses");
        foreach (var status in new[] { "201", "400", "401", "403", "413", "415", "429", "500" })
        {
            Assert.True(responses.TryGetProperty(status, out _), $"POST /v1/api-keys does not document {status}");
        }

        Assert.True(responses.GetProperty("429").GetProperty("headers").TryGetProperty("X-RateLimit-Reset", out _));
        Assert.NotEmpty(create.GetProperty("security").EnumerateArray());
        var delete = root.GetProperty("paths").GetProperty("/v1/api-keys/{id}").GetProperty("delete");
        Assert.True(delete.GetProperty("responses").TryGetProperty("404", out _));
    }

    [Fact]
    public async Task Request_schema_uses_the_wire_names()
    {
        using var response = await _fixture.Silo.Https.GetAsync("/openapi/v1.json");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("rate_limit_per_minute", text, StringComparison.Ordinal);
        Assert.DoesNotContain("RateLimitPerMinute", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interactive_reference_page_is_served()
    {
        using var response = await _fixture.Silo.Https.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
