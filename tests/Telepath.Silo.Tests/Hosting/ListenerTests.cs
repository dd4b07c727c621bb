using System.Net;
using System.Text.Json;
using Telepath.Silo.Tests.Support;

namespace Telepath.Silo.Tests.Hosting;

/// <summary>
/// The two listeners of a silo: HTTPS serves everything; plain HTTP serves the probes and, for anything else, the
/// <c>https_required</c> error of spec §1 — never a redirect.
/// </summary>
public sealed class ListenerTests : IClassFixture<DefaultSiloFixture>
{
    private readonly SiloProcess _silo;

    public ListenerTests(DefaultSiloFixture fixture)
    {
        _silo = fixture.Silo;
    }

    [Theory]
    [InlineData("https")]
    [InlineData("http")]
    public async Task Readyz_answers_200_once_the_silo_is_active_and_storage_answers(string scheme)
    {
        var client = scheme == "https" ? _silo.Https : _silo.Http;
        using var response = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        var checks = body.RootElement.GetProperty("checks");
        Assert.Equal("healthy", checks.GetProperty("silo").GetProperty("status").GetString());
        Assert.Equal("healthy", checks.GetProperty("storage").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("https")]
    [InlineData("http")]
    public async Task Healthz_answers_200_without_credentials(string scheme)
    {
        var client = scheme == "https" ? _silo.Https : _silo.Http;
        using var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/v1/trunks")]
    [InlineData("POST", "/v1/api-keys")]
    [InlineData("GET", "/no/such/route")]
    [InlineData("GET", "/dashboard")]
    public async Task Plain_http_request_other_than_a_probe_gets_400_https_required(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using var response = await _silo.Http.SendAsync(request);
        await ErrorBody.AssertAsync(response, HttpStatusCode.BadRequest, "https_required");
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Unknown_route_over_https_gets_404_in_the_error_shape()
    {
        using var response = await _silo.Https.GetAsync("/no-such-resource");
        await ErrorBody.AssertAsync(response, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Every_response_carries_a_request_id_and_a_plain_incoming_id_is_kept()
    {
        using var generated = await _silo.Https.GetAsync("/healthz");
        Assert.StartsWith("req_", Assert.Single(generated.Headers.GetValues("X-Request-Id")), StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/no/such/route");
        request.Headers.Add("X-Request-Id", "lb-7f3a-0001");
        using var echoed = await _silo.Http.SendAsync(request);
        Assert.Equal("lb-7f3a-0001", Assert.Single(echoed.Headers.GetValues("X-Request-Id")));
    }

    [Fact]
    public async Task An_incoming_request_id_with_unsafe_characters_is_replaced()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.TryAddWithoutValidation("X-Request-Id", "<script>alert(1)</script>");
        using var response = await _silo.Https.SendAsync(request);
        Assert.StartsWith("req_", Assert.Single(response.Headers.GetValues("X-Request-Id")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_is_not_mapped_when_no_operator_credential_is_configured()
    {
        using var response = await _silo.Https.GetAsync("/dashboard/");
        await ErrorBody.AssertAsync(response, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Forwarded_proto_from_an_untrusted_peer_does_not_count_as_https()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/trunks");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await _silo.Http.SendAsync(request);
        await ErrorBody.AssertAsync(response, HttpStatusCode.BadRequest, "https_required");
    }
}
