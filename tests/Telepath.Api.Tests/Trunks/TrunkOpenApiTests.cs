using System.Net;
using System.Text.Json;

namespace Telepath.Api.Tests.Trunks;

/// <summary>Spec §9: the OpenAPI document describes every trunk route, its bodies and its write-only fields.</summary>
public sealed class TrunkOpenApiTests : IClassFixture<TrunkSiloFixture>
{
    private readonly TrunkSiloFixture _fixture;

    public TrunkOpenApiTests(TrunkSiloFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task The_document_lists_every_trunk_route_and_schema()
    {
        using var response = await _fixture.Silo.Https.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.GetProperty("/v1/trunks").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/v1/trunks").TryGetProperty("post", out _));
        foreach (var method in new[] { "get", "patch", "delete" })
        {
            Assert.True(paths.GetProperty("/v1/trunks/{id}").TryGetProperty(method, out _), method);
        }

        Assert.True(paths.GetProperty("/v1/trunks/{id}/rotate-sip-password").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/v1/trunks/{id}/rotate-password").TryGetProperty("post", out _));
        foreach (var field in new[] { "sip_password", "has_provider_key", "custom_header_names", "grace_period_seconds", "previous_password_expires_at", "openai_api_key", "custom_endpoint" })
        {
            Assert.Contains($"\"{field}\"", text, StringComparison.Ordinal);
        }
    }
}
