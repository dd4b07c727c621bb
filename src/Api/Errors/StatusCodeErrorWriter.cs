using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Telepath.Api.Errors;

/// <summary>
/// Fills bodiless error responses produced by the framework (no route, wrong method, oversized body) with the
/// contract's error shape, so a client never sees an empty 404 or an HTML page.
/// </summary>
internal static class StatusCodeErrorWriter
{
    public static Task WriteAsync(StatusCodeContext statusCodeContext)
    {
        var context = statusCodeContext.HttpContext;
        var status = context.Response.StatusCode;
        var (code, message) = status switch
        {
            StatusCodes.Status404NotFound => (ApiErrorCodes.NotFound, $"No resource at {context.Request.Path}."),
            StatusCodes.Status405MethodNotAllowed => (ApiErrorCodes.MethodNotAllowed, $"{context.Request.Method} is not allowed on {context.Request.Path}."),
            StatusCodes.Status413PayloadTooLarge => (ApiErrorCodes.PayloadTooLarge, "The request body is larger than this server accepts."),
            StatusCodes.Status415UnsupportedMediaType => (ApiErrorCodes.UnsupportedMediaType, "The request body must be application/json."),
            StatusCodes.Status401Unauthorized => (ApiErrorCodes.Unauthorized, "A valid credential is required."),
            StatusCodes.Status403Forbidden => (ApiErrorCodes.InsufficientScope, "The credential does not allow this request."),
            StatusCodes.Status503ServiceUnavailable => (ApiErrorCodes.ServiceUnavailable, "The service is not ready to serve requests."),
            >= 500 => (ApiErrorCodes.InternalError, "The server failed to handle this request."),
            _ => (ApiErrorCodes.InvalidParameters, "The request is not valid."),
        };
        return ApiErrorWriter.WriteAsync(context, status, code, message);
    }
}
