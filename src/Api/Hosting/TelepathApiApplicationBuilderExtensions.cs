using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Telepath.Api.Hosting;
using Scalar.AspNetCore;
using Telepath.Api.Auth;
using Telepath.Api.Endpoints;
using Telepath.Api.Errors;
using Telepath.Api.Https;
using Telepath.Api.Requests;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Puts the Telepath API's middleware and routes into an application.</summary>
public static class TelepathApiApplicationBuilderExtensions
{
    /// <summary>
    /// Adds, in order: forwarded headers (so a configured proxy's scheme counts), request ids, the exception handler,
    /// error bodies for bodiless framework errors, the HTTPS requirement, routing, and API-key authentication with rate
    /// limiting. Call before any other endpoint middleware.
    /// </summary>
    public static IApplicationBuilder UseTelepathApi(this IApplicationBuilder app)
    {
        // With no known proxy the framework's middleware believes every peer, so it is left out entirely unless
        // proxies are configured.
        if (app.ApplicationServices.GetRequiredService<IOptions<ApiOptions>>().Value.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseMiddleware<RequestIdMiddleware>();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // IExceptionHandler implementations run first; this is only reached if one declines.
            ExceptionHandler = static context => ApiErrorWriter.WriteAsync(
                context, StatusCodes.Status500InternalServerError, ApiErrorCodes.InternalError, "The server failed to handle this request."),
        });
        app.UseStatusCodePages(StatusCodeErrorWriter.WriteAsync);
        app.UseMiddleware<HttpsRequirementMiddleware>();
        app.UseRouting();
        app.UseMiddleware<ApiKeyMiddleware>();
        return app;
    }

    /// <summary>Maps the versioned REST resources under <c>/v1</c>.</summary>
    public static RouteGroupBuilder MapTelepathApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json");
        endpoints.MapScalarApiReference("/docs", static scalar => scalar.WithTitle("Telepath API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        var v1 = endpoints.MapGroup("/v1");
        v1.MapApiKeys();
        v1.MapTrunks();
        v1.MapWebhooks();
        v1.MapCalls();
        v1.MapAnalytics();
        return v1;
    }
}
