using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Telepath.Api.Errors;

namespace Telepath.Api.Json;

/// <summary>
/// Reads a request body into a contract type with the API's rules: JSON content type (415 otherwise), an object at
/// the root, no unknown fields, right types — and an error message that names the field and the problem.
/// </summary>
public static class JsonBody
{
    /// <summary>The parsed body, or the error to answer with.</summary>
    public static async Task<(T? Value, ApiError? Error)> ReadAsync<T>(HttpContext context, bool allowEmpty = false)
        where T : class
    {
        var request = context.Request;
        var hasBody = request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (!hasBody)
        {
            return allowEmpty
                ? (null, null)
                : (null, new ApiError(ApiErrorCodes.InvalidParameters, "A JSON object body is required.", StatusCodes.Status400BadRequest));
        }

        if (!request.HasJsonContentType())
        {
            return (null, new ApiError(ApiErrorCodes.UnsupportedMediaType, "The request body must be sent as Content-Type: application/json.", StatusCodes.Status415UnsupportedMediaType));
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 32 }, context.RequestAborted);
        }
        catch (JsonException exception)
        {
            return (null, new ApiError(ApiErrorCodes.InvalidParameters,
                $"Malformed JSON at line {exception.LineNumber + 1}, position {exception.BytePositionInLine + 1}.", StatusCodes.Status400BadRequest));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, new ApiError(ApiErrorCodes.InvalidParameters, "The request body must be a JSON object.", StatusCodes.Status400BadRequest));
            }

            try
            {
                var value = document.RootElement.Deserialize<T>(ApiJson.Options);
                return (value, value is null ? new ApiError(ApiErrorCodes.InvalidParameters, "The request body must be a JSON object.", StatusCodes.Status400BadRequest) : null);
            }
            catch (JsonException exception)
            {
                return (null, new ApiError(ApiErrorCodes.InvalidParameters, DescribeField(exception), StatusCodes.Status400BadRequest));
            }
        }
    }

    /// <summary>Turns a serializer complaint about a well-formed document into a sentence about the field.</summary>
    private static string DescribeField(JsonException exception)
    {
        var text = exception.Message;
        if (text.Contains("could not be mapped", StringComparison.Ordinal))
        {
            // "The JSON property 'foo' could not be mapped to any .NET member ..." — keep the name, drop the .NET part.
            var start = text.IndexOf('\'', StringComparison.Ordinal);
            var end = start >= 0 ? text.IndexOf('\'', start + 1) : -1;
            return start >= 0 && end > start ? $"Unknown field '{text[(start + 1)..end]}'." : "The body contains an unknown field.";
        }

        var field = FieldName(exception.Path) ?? "A field";
        if (text.Contains("null", StringComparison.OrdinalIgnoreCase))
        {
            return $"{field} must not be null.";
        }

        return $"{field} has the wrong type or an invalid value.";
    }

    private static string? FieldName(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
    }
}
