using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Telepath.Grains.Abstractions.Identifiers;
using Telepath.Grains.Abstractions.Webhooks;
using Telepath.Silo.Webhooks;

namespace Orleans.Hosting;

/// <summary>Registers webhook delivery on a silo.</summary>
public static class SiloBuilderWebhookExtensions
{
    /// <summary>
    /// Adds <see cref="WebhookOptions"/> (from <c>Telepath:Webhooks</c>), the outbox store, the guarded sender, the
    /// URL policy, the <see cref="IWebhookPublisher"/> and the start-up sweep. Needs the Telepath database registered.
    /// </summary>
    public static ISiloBuilder AddTelepathWebhooks(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var services = silo.Services;
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ResourceIdGenerator>();
        services.AddSingleton<IWebhookStore, WebhookStore>();
        services.AddSingleton<IWebhookSender, WebhookSender>();
        services.AddSingleton<IWebhookUrlPolicy, WebhookUrlGuard>();
        services.AddSingleton<IWebhookPublisher, WebhookPublisher>();
        services.AddSingleton<TrunkWebhookTargets>();
        services.AddSingleton<ITrunkWebhookTargets>(static provider => provider.GetRequiredService<TrunkWebhookTargets>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, WebhookStartupSweep>();
        return silo;
    }
}
