using System.Text.Json.Serialization;

namespace Telepath.Api.Errors;

/// <summary>The wire shape of an error: the body object under the single <c>error</c> member.</summary>
/// <param name="Error">The error itself.</param>
public sealed record ApiErrorEnvelope([property: JsonPropertyName("error")] ApiErrorBody Error);

/// <summary>The members of an error body.</summary>
/// <param name="Code">Stable lower_snake code.</param>
/// <param name="Message">Human sentence.</param>
/// <param name="Status">HTTP status code.</param>
/// <param name="RequestId">Only on 5xx: the id under which the server logged the failure.</param>
public sealed record ApiErrorBody(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("request_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RequestId);
