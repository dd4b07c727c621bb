using System.Net;
using Telepath.Api.Tests.Support;
using Telepath.Silo.Tests.Support;

namespace Telepath.Api.Tests.Webhooks;

/// <summary>With the default configuration (<c>AllowLoopback</c> off) the API refuses URLs that reach this host.</summary>
public sealed class WebhookLoopbackRefusalTests : IClassFixture<ApiSiloFixture>
{
    private readonly ApiSiloFixture _fixture;

    public WebhookLoopbackRefusalTests(ApiSiloFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[::ffff:127.0.0.1]/hook")]
    [InlineData("https://localhost:8443/hook")]
    public async Task Refuses_loopback_addresses_and_names_that_resolve_to_them(string url)
    {
        var key = await _fixture.NewKeyAsync();

        using var response = await key.SendAsync(HttpMethod.Post, "/v1/webhooks", new { url, events = new[] { "*" } });

        var error = await ErrorBody.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_parameters");
        Assert.Contains("loopback", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
