using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Telepath.Api.OpenApi;

/// <summary>
/// Describes the document as a whole: title, the two ways to send a key (spec §2) and that every <c>/v1</c>
/// operation needs one of them.
/// </summary>
internal sealed class SecuritySchemesTransformer : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "bearer";
    public const string HeaderScheme = "apiKeyHeader";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Telepath API",
            Version = "v1",
            Description = "Manage SIP trunks that bridge phone calls to AI voice agents, read call records and live analytics, "
                + "manage API keys and webhooks. HTTPS only. Errors are always {\"error\": {\"code\", \"message\", \"status\"}}. "
                + "Every response carries X-Request-Id; authenticated responses carry X-RateLimit-Limit, X-RateLimit-Remaining "
                + "and X-RateLimit-Reset.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "Authorization: Bearer sk_live_...",
        };
        document.Components.SecuritySchemes[HeaderScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-API-Key",
            Description = "X-API-Key: sk_live_... (the same key as the bearer scheme)",
        };
        return Task.CompletedTask;
    }
}
