using Microsoft.Extensions.Options;
using Telepath.Silo.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the silo's option groups for injection, validated again at start.</summary>
internal static class TelepathSettingsServiceCollectionExtensions
{
    public static IServiceCollection AddTelepathSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelepathOptions>().Bind(configuration.GetSection(TelepathOptions.SectionName)).ValidateOnStart();
        services.AddOptions<HttpOptions>().Bind(configuration.GetSection(HttpOptions.SectionName)).ValidateOnStart();
        services.AddOptions<DashboardAccessOptions>().Bind(configuration.GetSection(DashboardAccessOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelepathOptions>, TelepathOptionsValidator>();
        services.AddSingleton<IValidateOptions<HttpOptions>, HttpOptionsValidator>();
        services.AddSingleton<IValidateOptions<DashboardAccessOptions>, DashboardAccessOptionsValidator>();
        return services;
    }
}
