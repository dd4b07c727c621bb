using Microsoft.Extensions.DependencyInjection.Extensions;
using Telepath.Media.Edge;
using Telepath.Silo.Edge;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the grain-backed implementations of the media engine's edge interfaces.</summary>
public static class TelepathEdgeServiceCollectionExtensions
{
    /// <summary>Adds <see cref="GrainTrunkDirectory"/> as the <see cref="ITrunkDirectory"/> (needs <c>AddTelepathApi</c> for the secret protector).</summary>
    public static IServiceCollection AddTelepathEdge(this IServiceCollection services)
    {
        services.TryAddSingleton<ITrunkDirectory, GrainTrunkDirectory>();
        return services;
    }
}
