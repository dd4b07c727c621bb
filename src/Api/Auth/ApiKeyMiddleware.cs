using System.Globalization;
using Microsoft.AspNetCore.Http;
using Telepath.Api.Errors;
using Telepath.Grains.Abstractions.Accounts;

namespace Telepath.Api.Auth;

/// <summary>
/// Authenticates every <c>/v1</c> request, checks the endpoint's scope and draws from the key's budgets with one call
/// to the key's grain (design §2), then writes the rate-limit headers — on every response that follows, errors
/// included, because they are added when the response starts, after any error handler has reset the headers.
/// Runs after routing so the matched endpoint's scope and costly budget are known; an unknown <c>/v1</c> path still
/// needs a key (no probing of routes without one) and still counts.
/// </summary>
internal sealed class ApiKeyMiddleware
{
    private readonly RequestDelegate _next;
    private readonly IGrainFactory _grains;

    public ApiKeyMiddleware(RequestDelegate next, IGrainFactory grains)
    {
        _next = next;
        _grains = grains;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase))
        {
            await _next(context);
            return;
        }

        var secret = ApiKeyCredentialReader.Read(context.Request);
        if (secret is null)
        {
            await WriteUnauthorizedAsync(context, "Send a valid API key as 'Authorization: Bearer sk_live_...' or 'X-API-Key: sk_live_...'.");
            return;
        }

        var endpoint = context.GetEndpoint();
        var scope = endpoint?.Metadata.GetMetadata<RequiredScopeMetadata>();
        var costly = endpoint?.Metadata.GetMetadata<CostlyEndpointMetadata>();
        var cost = new ApiRequestCost(scope?.Scope, costly?.Bucket, costly?.LimitPerMinute ?? 0);
        var verdict = await _grains.GetGrain<IApiKeyGrain>(ApiKeySecrets.GrainKey(secret)).AuthorizeAsync(cost);
        if (verdict.Authenticated)
        {
            context.Response.OnStarting(static state =>
            {
                var (http, authorization) = ((HttpContext, ApiKeyAuthorization))state;
                return AddRateLimitHeaders(http, authorization);
            }, (context, verdict));
        }

        switch (verdict.Outcome)
        {
            case ApiKeyOutcome.Allowed:
                new ApiCaller(verdict.AccountId!, verdict.KeyId!).AttachTo(context);
                await _next(context);
                return;
            case ApiKeyOutcome.InsufficientScope:
                await ApiErrorWriter.WriteAsync(context, StatusCodes.Status403Forbidden, ApiErrorCodes.InsufficientScope,
                    $"This API key lacks the scope this endpoint requires: {scope!.Scope}.");
                return;
            case ApiKeyOutcome.RateLimited:
                context.Response.Headers.RetryAfter = verdict.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await ApiErrorWriter.WriteAsync(context, StatusCodes.Status429TooManyRequests, ApiErrorCodes.RateLimited,
                    $"Rate limit of {verdict.Limit} requests per minute exceeded; retry after {verdict.RetryAfterSeconds} seconds.");
                return;
            default:
                await WriteUnauthorizedAsync(context, "The API key is unknown or has been revoked.");
                return;
        }
    }

    private static Task AddRateLimitHeaders(HttpContext context, ApiKeyAuthorization verdict)
    {
        var headers = context.Response.Headers;
        headers["X-RateLimit-Limit"] = verdict.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = verdict.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = verdict.ResetAtUnixSeconds.ToString(CultureInfo.InvariantCulture);
        if (verdict.Outcome == ApiKeyOutcome.RateLimited)
        {
            headers.RetryAfter = verdict.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        return Task.CompletedTask;
    }

    private static Task WriteUnauthorizedAsync(HttpContext context, string message)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"telepath\"";
        return ApiErrorWriter.WriteAsync(context, StatusCodes.Status401Unauthorized, ApiErrorCodes.Unauthorized, message);
    }
}
