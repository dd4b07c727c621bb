using Microsoft.AspNetCore.Http;
using Telepath.Api.Contracts;
using Telepath.Api.Errors;
using Telepath.Api.Json;

namespace Telepath.Api.Endpoints;

/// <summary>The results endpoints return: bodies in the API's JSON dialect, errors through the one error writer.</summary>
internal static class ApiResults
{
    public static IResult Data<T>(T value, int statusCode = StatusCodes.Status200OK) =>
        TypedResults.Json(new DataEnvelope<T>(value), ApiJson.Options, ApiErrorWriter.JsonContentType, statusCode);

    public static IResult Body<T>(T value) =>
        TypedResults.Json(value, ApiJson.Options, ApiErrorWriter.JsonContentType);

    public static IResult Error(ApiError error) => new ErrorResult(error);

    public static IResult Error(int status, string code, string message) => new ErrorResult(new ApiError(code, message, status));

    private sealed class ErrorResult(ApiError error) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => ApiErrorWriter.WriteAsync(httpContext, error);
    }
}
