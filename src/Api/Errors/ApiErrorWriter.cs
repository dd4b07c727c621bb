using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Telepath.Api.Requests;

namespace Telepath.Api.Errors;

/// <summary>
/// The single writer behind every <c>{"error": {...}}</c> body, so that middleware, endpoints and the
/// exception handler cannot drift apart in shape or content type.
/// </summary>
public static class ApiErrorWriter
{
    /// <summary>The content type of every API body.</summary>
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>Writes <paramref name="error"/> as the response, unless the response has already started.</summary>
    public static Task WriteAsync(HttpContext context, ApiError error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        var response = context.Response;
        if (response.HasStarted)
        {
            // Headers are gone; the connection is the only thing left to signal with.
            context.Abort();
            return Task.CompletedTask;
        }

        response.StatusCode = error.Status;
        response.ContentType = JsonContentType;
        var requestId = error.Status >= StatusCodes.Status500InternalServerError ? RequestIdMiddleware.GetRequestId(context) : null;
        var body = new ApiErrorEnvelope(new ApiErrorBody(error.Code, error.Message, error.Status, requestId));
        return JsonSerializer.SerializeAsync(response.Body, body, ApiJsonContext.Default.ApiErrorEnvelope, context.RequestAborted);
    }

    /// <summary>Writes an error built from its parts.</summary>
    public static Task WriteAsync(HttpContext context, int status, string code, string message) =>
        WriteAsync(context, new ApiError(code, message, status));
}
