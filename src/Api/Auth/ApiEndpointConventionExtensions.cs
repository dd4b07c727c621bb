using Microsoft.AspNetCore.Builder;
using Telepath.Api.Auth;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Declares what an endpoint asks of the caller's API key.</summary>
public static class ApiEndpointConventionExtensions
{
    /// <summary>The endpoint needs <paramref name="scope"/>; a key without it gets <c>403 insufficient_scope</c>.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new RequiredScopeMetadata(scope));
        return builder;
    }

    /// <summary>The endpoint also draws from its own per-key budget of <paramref name="limitPerMinute"/>.</summary>
    public static TBuilder WithCostlyLimit<TBuilder>(this TBuilder builder, string bucket, int limitPerMinute)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new CostlyEndpointMetadata(bucket, limitPerMinute));
        return builder;
    }
}
