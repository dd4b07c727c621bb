using System.Net;
using System.Text;
using System.Text.Json;
using Telepath.Api.Tests.Support;
using Telepath.Silo.Tests.Support;

namespace Telepath.Api.Tests.Errors;

/// <summary>
/// Spec §1 and §3: every error, whatever produced it, is <c>{"error": {"code", "message", "status"}}</c> with
/// <c>X-Request-Id</c> — and, for an authenticated request, the rate-limit headers.
/// </summary>
public sealed class ErrorModelTests : IClassFixture<ApiSiloFixture>
{
    private readonly ApiSiloFixture _fixture;

    public ErrorModelTests(ApiSiloFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Wrong_method_on_a_known_route_gets_405_in_the_error_shape()
    {
        var key = await _fixture.NewKeyAsync();
        using var response = await key.SendAsync(HttpMethod.Put, "/v1/api-keys");
        await ErrorBody.AssertAsync(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        AssertRateLimitHeaders(response);
    }

    [Fact]
    public async Task Body_over_the_configured_limit_gets_413_payload_too_large()
    {
        var key = await _fixture.NewKeyAsync();
        var huge = "{\"name\":\"" + new string('x', 10_000) + "\"}";
        using var response = await key.SendAsync(HttpMethod.Post, "/v1/api-keys", huge);
        await ErrorBody.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        AssertRateLimitHeaders(response);
    }

    [Fact]
    public async Task Body_that_is_not_json_gets_415_unsupported_media_type()
    {
        var key = await _fixture.NewKeyAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/api-keys")
        {
            Content = new StringContent("name=ci", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = new("Bearer", key.Secret);
        using var response = await _fixture.Silo.Https.SendAsync(request);
        await ErrorBody.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task Unhandled_failure_gets_500_with_the_request_id_and_no_internal_detail()
    {
        var key = await _fixture.NewKeyAsync();
        using var response = await key.GetAsync(ApiSiloFixture.FailingRoute);
        var error = await ErrorBody.AssertAsync(response, HttpStatusCode.InternalServerError, "internal_error");
        var requestId = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.Equal(requestId, error.GetProperty("request_id").GetString());
        var text = error.GetRawText();
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
        AssertRateLimitHeaders(response);
    }

    [Fact]
    public async Task Validation_error_carries_rate_limit_headers_and_counts_against_the_budget()
    {
        var key = await _fixture.NewKeyAsync(rateLimitPerMinute: 100);
        using var first = await key.GetAsync("/v1/api-keys?limit=0");
        await ErrorBody.AssertAsync(first, HttpStatusCode.BadRequest, "invalid_parameters");
        using var second = await key.GetAsync("/v1/api-keys");
        var before = int.Parse(first.Headers.GetValues("X-RateLimit-Remaining").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var after = int.Parse(second.Headers.GetValues("X-RateLimit-Remaining").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(before - 1, after);
    }

    [Fact]
    public async Task Over_the_limit_gets_429_with_retry_after_and_the_headers()
    {
        var key = await _fixture.NewKeyAsync(rateLimitPerMinute: 3);
        var secondsIntoMinute = DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 60;
        if (secondsIntoMinute > 55)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - secondsIntoMinute));
        }

        for (var i = 0; i < 3; i++)
        {
            using var ok = await key.GetAsync("/v1/api-keys");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal((2 - i).ToString(System.Globalization.CultureInfo.InvariantCulture), ok.Headers.GetValues("X-RateLimit-Remaining").Single());
        }

        using var limited = await key.GetAsync("/v1/api-keys");
        await ErrorBody.AssertAsync(limited, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("3", limited.Headers.GetValues("X-RateLimit-Limit").Single());
        var reset = long.Parse(limited.Headers.GetValues("X-RateLimit-Reset").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(reset - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 0, 60);
    }

    [Fact]
    public async Task Key_creation_has_its_own_stricter_budget()
    {
        var key = await _fixture.NewKeyAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            using var response = await key.SendAsync(HttpMethod.Post, "/v1/api-keys", new { name = "k" + i });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await ErrorBody.AssertAsync(response, HttpStatusCode.TooManyRequests, "rate_limited");
                Assert.Equal("20", response.Headers.GetValues("X-RateLimit-Limit").Single());
                break;
            }
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.Created), 1, 20);
        using var listStillWorks = await key.GetAsync("/v1/api-keys");
        Assert.Equal(HttpStatusCode.OK, listStillWorks.StatusCode);
    }

    private static void AssertRateLimitHeaders(HttpResponseMessage response)
    {
        Assert.True(response.Headers.Contains("X-RateLimit-Limit"), "X-RateLimit-Limit missing");
        Assert.True(response.Headers.Contains("X-RateLimit-Remaining"), "X-RateLimit-Remaining missing");
        Assert.True(response.Headers.Contains("X-RateLimit-Reset"), "X-RateLimit-Reset missing");
        Assert.True(response.Headers.Contains("X-Request-Id"), "X-Request-Id missing");
    }
}
