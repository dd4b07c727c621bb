using Microsoft.Extensions.DependencyInjection.Extensions;
using Telepath.Grains.Abstractions.Trunks;
using Telepath.Media.Edge;
using Telepath.Silo.Edge;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the grain-backed implementations of the media engine's edge interfaces.</summary>
public static class TelepathEdgeServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="GrainTrunkDirectory"/> as the <see cref="ITrunkDirectory"/> (needs <c>AddTelepathApi</c> for the
    /// secret protector) and the trunk health rules (<see cref="TrunkHealthOptions"/> from <c>Telepath:TrunkHealth</c>).
    /// </summary>
    public static IServiceCollection AddTelepathEdge(this IServiceCollection services)
    {
        services.TryAddSingleton<ITrunkDirectory, GrainTrunkDirectory>();
        services.AddOptions<TrunkHealthOptions>()
            .BindConfiguration(TrunkHealthOptions.SectionName)
            .Validate(
                static o => o.FailureThreshold >= 1 && o.FailureWindow > TimeSpan.Zero && o.QuietPeriod > TimeSpan.Zero,
                "Telepath:TrunkHealth needs FailureThreshold >= 1 and positive FailureWindow and QuietPeriod.")
            .ValidateOnStart();
        return services;
    }
}
