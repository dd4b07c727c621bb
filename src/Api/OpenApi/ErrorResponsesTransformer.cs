using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Telepath.Api.Auth;

namespace Telepath.Api.OpenApi;

/// <summary>
/// Adds to every <c>/v1</c> operation what the endpoints themselves do not declare: the key requirement with the
/// scope it needs, the rate-limit headers, and the error answers every operation can give.
/// </summary>
internal sealed class ErrorResponsesTransformer : IOpenApiOperationTransformer
{
    private static readonly (string Status, string Description)[] s_commonErrors =
    [
        ("400", "Invalid parameters or body (code invalid_parameters, missing_required or https_required)."),
        ("401", "Missing, malformed, unknown or revoked API key (code unauthorized)."),
        ("403", "The key lacks the operation's scope (code insufficient_scope)."),
        ("413", "The body is larger than the server accepts (code payload_too_large)."),
        ("415", "The body is not application/json (code unsupported_media_type)."),
        ("429", "The key's rate limit is spent (code rate_limited); see Retry-After."),
        ("500", "Server failure (code internal_error); quote the request id."),
    ];

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var path = context.Description.RelativePath ?? "";
        if (!path.StartsWith("v1/", StringComparison.Ordinal) && path != "v1")
        {
            return;
        }

        var scope = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequiredScopeMetadata>().LastOrDefault()?.Scope;
        var scopes = scope is null ? new List<string>() : [scope];
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemesTransformer.BearerScheme, context.Document)] = scopes });
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemesTransformer.HeaderScheme, context.Document)] = scopes });
        if (scope is not null)
        {
            operation.Description = (operation.Description is null ? "" : operation.Description + " ") + $"Requires scope `{scope}`.";
        }

        var errorSchema = await context.GetOrCreateSchemaAsync(typeof(Errors.ApiErrorEnvelope), cancellationToken: cancellationToken);
        operation.Responses ??= new OpenApiResponses();
        foreach (var (status, description) in s_commonErrors)
        {
            if (operation.Responses.ContainsKey(status))
            {
                continue;
            }

            operation.Responses[status] = ErrorResponse(description, errorSchema);
        }

        if (context.Description.ParameterDescriptions.Any(p => p.Source.Id == "Path") && !operation.Responses.ContainsKey("404"))
        {
            operation.Responses["404"] = ErrorResponse("No such resource in the caller's account (code *_not_found).", errorSchema);
        }

        foreach (var response in operation.Responses.Values.OfType<OpenApiResponse>())
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            AddHeader(response, "X-Request-Id", "Id of this request, also in the server log.", JsonSchemaType.String);
            AddHeader(response, "X-RateLimit-Limit", "Requests the key may make in the current one-minute window.", JsonSchemaType.Integer);
            AddHeader(response, "X-RateLimit-Remaining", "Requests left in the current window.", JsonSchemaType.Integer);
            AddHeader(response, "X-RateLimit-Reset", "Unix time (seconds) at which the current window ends.", JsonSchemaType.Integer);
        }
    }

    private static OpenApiResponse ErrorResponse(string description, OpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new OpenApiMediaType { Schema = schema } },
    };

    private static void AddHeader(OpenApiResponse response, string name, string description, JsonSchemaType type) =>
        response.Headers!.TryAdd(name, new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = type } });
}
