using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using Telepath.Media.Hosting;
using Telepath.Silo.Configuration;
using Telepath.Silo.Dashboard;
using Telepath.Silo.Health;
using Telepath.Silo.Storage;

namespace Telepath.Silo.Hosting;

/// <summary>
/// Composes one Telepath silo: the Orleans silo, its storage, the media engine (SIP + RTP), Kestrel with the HTTPS API
/// and the plain-HTTP probe port, health endpoints and the operator dashboard. The program and the tests build the same application here.
/// </summary>
public static class TelepathApplication
{
    /// <summary>Builds the application from command-line switches, <c>appsettings.json</c> and environment variables.</summary>
    /// <param name="args">Configuration switches such as <c>--Telepath:Storage=postgres</c>.</param>
    /// <param name="configure">Optional last word on the builder (tests use it to add configuration sources).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // appsettings.json sits beside the program; the data folder stays relative to the working directory.
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);

        var settings = TelepathSettings.Read(builder.Configuration);
        ThreadPoolMinimum.Apply(settings.Telepath.MinWorkerThreads);
        var database = TelepathDatabaseFactory.Create(settings.Telepath);

        builder.Services.AddTelepathSettings(builder.Configuration);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(database);
        builder.Services.AddTelepathCalls(builder.Configuration);
        builder.Host.ConfigureHostOptions(host => host.ShutdownTimeout = TimeSpan.FromSeconds(settings.Telepath.ShutdownTimeoutSeconds));

        builder.UseOrleans(silo => SiloConfiguration.Configure(silo, settings, database));
        // After the silo: hosted services start in order, so INVITEs are taken only once grains can serve them, and
        // stop in reverse, so calls drain (503 to new INVITEs, BYE after the drain timeout) before the silo leaves.
        builder.Services.AddTelepathMedia(builder.Configuration);
        builder.Services.AddSingleton<IPostConfigureOptions<SipOptions>, Edge.SipNonceSecretDefaults>();

        builder.WebHost.ConfigureKestrel(kestrel => KestrelConfiguration.Configure(kestrel, settings, TimeProvider.System));
        builder.Services.AddTelepathApi(builder.Configuration);
        builder.Services.AddTelepathEdge();
        builder.Services.AddHealthChecks()
            .AddCheck<SiloActiveHealthCheck>("silo", tags: [HealthTags.Ready])
            .AddCheck<StorageHealthCheck>("storage", tags: [HealthTags.Ready])
            .AddCheck<MediaEngineHealthCheck>("media", tags: [HealthTags.Ready]);
        // The operator scheme runs only for endpoints whose policy names it (the dashboard), never per API request.
        builder.Services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, OperatorAuthenticationHandler>(OperatorAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(OperatorAuthenticationHandler.PolicyName, policy => policy
                .AddAuthenticationSchemes(OperatorAuthenticationHandler.SchemeName)
                .RequireRole("operator"));

        var app = builder.Build();
        app.UseTelepathApi();
        app.UseAuthorization();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = static _ => false, ResponseWriter = HealthResponseWriter.WriteAsync });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = static check => check.Tags.Contains(HealthTags.Ready), ResponseWriter = HealthResponseWriter.WriteAsync });
        if (settings.Dashboard.Enabled)
        {
            app.MapOrleansDashboard(routePrefix: "/dashboard").RequireAuthorization(OperatorAuthenticationHandler.PolicyName);
        }

        app.MapTelepathApi();
        return app;
    }
}
