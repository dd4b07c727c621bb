using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Telepath.Api.Requests;

namespace Telepath.Api.Errors;

/// <summary>
/// Turns an unhandled exception into <c>500 internal_error</c>: the body carries the request id and nothing else of the
/// failure; the log carries the exception under the same id.
/// </summary>
internal sealed partial class ApiExceptionHandler : IExceptionHandler
{
    private readonly ILogger<ApiExceptionHandler> _logger;

    public ApiExceptionHandler(ILogger<ApiExceptionHandler> logger)
    {
        _logger = logger;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException badRequest)
        {
            // Kestrel and model binding report client mistakes (oversized or unreadable bodies) this way.
            var (code, message) = badRequest.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => (ApiErrorCodes.PayloadTooLarge, "The request body is larger than this server accepts."),
                StatusCodes.Status415UnsupportedMediaType => (ApiErrorCodes.UnsupportedMediaType, "The request body must be application/json."),
                _ => (ApiErrorCodes.InvalidParameters, badRequest.Message),
            };
            await ApiErrorWriter.WriteAsync(httpContext, badRequest.StatusCode, code, message);
            return true;
        }

        LogUnhandled(RequestIdMiddleware.GetRequestId(httpContext) ?? httpContext.TraceIdentifier, httpContext.Request.Method, httpContext.Request.Path, exception);
        await ApiErrorWriter.WriteAsync(
            httpContext,
            StatusCodes.Status500InternalServerError,
            ApiErrorCodes.InternalError,
            "The server failed to handle this request. Quote the request id when reporting it.");
        return true;
    }

    [LoggerMessage(EventId = 7000, EventName = "UnhandledApiException", Level = LogLevel.Error, Message = "Request {RequestId} {Method} {Path} failed")]
    private partial void LogUnhandled(string requestId, string method, PathString path, Exception exception);
}
