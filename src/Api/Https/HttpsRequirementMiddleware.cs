using Microsoft.AspNetCore.Http;
using Telepath.Api.Errors;

namespace Telepath.Api.Https;

/// <summary>
/// Spec §1: the API is HTTPS only. A request that arrived over plain HTTP gets <c>400 https_required</c> — never a
/// redirect, which would send the API key in the clear a second time. Health probes answer on either port. Requests
/// from a trusted TLS-terminating proxy count as HTTPS because the forwarded-headers middleware, which runs first,
/// has already rewritten their scheme from <c>X-Forwarded-Proto</c>.
/// </summary>
public sealed class HttpsRequirementMiddleware
{
    private readonly RequestDelegate _next;

    /// <summary>Creates the middleware.</summary>
    public HttpsRequirementMiddleware(RequestDelegate next)
    {
        _next = next;
    }

    /// <summary>Passes HTTPS requests and health probes on; answers everything else with the error.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.IsHttps || IsHealthProbe(context.Request.Path))
        {
            return _next(context);
        }

        return ApiErrorWriter.WriteAsync(
            context,
            StatusCodes.Status400BadRequest,
            ApiErrorCodes.HttpsRequired,
            "This API is served over HTTPS only; repeat the request with https://.");
    }

    /// <summary>True for the public liveness and readiness paths.</summary>
    public static bool IsHealthProbe(PathString path) =>
        path.Equals("/healthz", StringComparison.OrdinalIgnoreCase) || path.Equals("/readyz", StringComparison.OrdinalIgnoreCase);
}
