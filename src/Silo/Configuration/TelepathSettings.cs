using Microsoft.Extensions.Options;
using Telepath.Api.Hosting;

namespace Telepath.Silo.Configuration;

/// <summary>
/// The option groups the composition root needs before the container exists (ports, storage, certificate), read and
/// validated once, up front, so a bad setting stops the program with a sentence rather than a stack trace.
/// </summary>
public sealed record TelepathSettings(TelepathOptions Telepath, HttpOptions Http, DashboardAccessOptions Dashboard, ApiOptions Api)
{
    /// <summary>Binds and validates every group; throws <see cref="OptionsValidationException"/> listing all problems.</summary>
    public static TelepathSettings Read(IConfiguration configuration)
    {
        var telepath = Bind<TelepathOptions>(configuration, TelepathOptions.SectionName);
        var http = Bind<HttpOptions>(configuration, HttpOptions.SectionName);
        var dashboard = Bind<DashboardAccessOptions>(configuration, DashboardAccessOptions.SectionName);
        var api = Bind<ApiOptions>(configuration, ApiOptions.SectionName);
        var failures = new List<string>();
        Collect(failures, new TelepathOptionsValidator().Validate(null, telepath));
        Collect(failures, new HttpOptionsValidator().Validate(null, http));
        Collect(failures, new DashboardAccessOptionsValidator().Validate(null, dashboard));
        if (telepath.Storage == Storage.StorageMode.Postgres
            && string.IsNullOrWhiteSpace(configuration["Telepath:Secrets:MasterKey"])
            && string.IsNullOrWhiteSpace(configuration["Telepath:Secrets:KeyFile"]))
        {
            // A key file generated per data folder would give every silo its own key, and secrets written through one
            // silo could not be read through another.
            failures.Add("Telepath:Secrets:MasterKey (or a Telepath:Secrets:KeyFile shared by all silos) is required when Telepath:Storage is postgres.");
        }
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(TelepathOptions.SectionName, typeof(TelepathOptions), failures);
        }

        return new TelepathSettings(telepath, http, dashboard, api);
    }

    private static T Bind<T>(IConfiguration configuration, string section)
        where T : class, new()
    {
        var options = new T();
        configuration.GetSection(section).Bind(options);
        return options;
    }

    private static void Collect(List<string> failures, ValidateOptionsResult result)
    {
        if (result.Failed)
        {
            failures.AddRange(result.Failures);
        }
    }
}
