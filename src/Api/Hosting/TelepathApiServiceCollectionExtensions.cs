using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Telepath.Api.Errors;
using Telepath.Api.OpenApi;
using Telepath.Grains.Abstractions.Identifiers;
using Telepath.Api.Hosting;
using Telepath.Api.Secrets;
using Telepath.Api.Trunks;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the services the Telepath REST API needs.</summary>
public static class TelepathApiServiceCollectionExtensions
{
    /// <summary>Adds the API's options, error handling and forwarded-header trust.</summary>
    public static IServiceCollection AddTelepathApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ResourceIdGenerator>();
        AddTrunks(services, configuration);
        // The OpenAPI schemas are generated from these options, so they must match what goes on the wire.
        services.ConfigureHttpJsonOptions(static json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
        });
        services.AddOpenApi(static openApi =>
        {
            openApi.AddDocumentTransformer<SecuritySchemesTransformer>();
            openApi.AddOperationTransformer<ErrorResponsesTransformer>();
        });
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ApiOptions>>(static (forwarded, api) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies are believed; the framework's default trusts loopback.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // The obsolete list is still consulted by the middleware and defaults to loopback.
            forwarded.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var proxy in api.Value.TrustedProxies)
            {
                if (System.Net.IPNetwork.TryParse(proxy, out var network))
                {
                    forwarded.KnownIPNetworks.Add(network);
                }
                else if (IPAddress.TryParse(proxy, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
            }
        });
        return services;
    }

    /// <summary>Trunks: the SIP domain (digest realm), the secrets key ring and protector, and the metrics source.</summary>
    private static void AddTrunks(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TrunkSipOptions>().Bind(configuration.GetSection(TrunkSipOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrunkSipOptions>, TrunkSipOptionsValidator>();
        var dataDirectory = configuration["Telepath:DataDirectory"] ?? "data";
        services.AddOptions<SecretsOptions>()
            .Bind(configuration.GetSection(SecretsOptions.SectionName))
            .PostConfigure(secrets => secrets.KeyFile ??= Path.Combine(Path.GetFullPath(dataDirectory), "keys", "master.key"))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecretsOptions>, SecretsOptionsValidator>();
        services.TryAddSingleton(static provider => SecretKeyRingLoader.Load(
            provider.GetRequiredService<IOptions<SecretsOptions>>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SecretKeyRing).FullName!)));
        services.TryAddSingleton<SecretProtector>();
        services.TryAddSingleton<TrunkWebhookSecrets>();
        services.AddHostedService<SecretKeyRingWarmup>();
        services.TryAddSingleton<TrunkMetricsSource>();
    }
}
