using System.Data.Common;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Telepath.Grains.Abstractions.Webhooks;

namespace Telepath.Silo.Webhooks;

/// <summary>
/// When the silo becomes active, pokes every queue that still has pending deliveries. The reminders would bring them
/// back within a minute or so anyway; the sweep also covers rows whose publisher crashed between the insert and the
/// poke (no reminder was ever registered for them). Every silo runs it; pokes are idempotent.
/// </summary>
internal sealed class WebhookStartupSweep : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly IWebhookStore _store;
    private readonly IGrainFactory _grains;
    private readonly ILogger _logger;

    public WebhookStartupSweep(IWebhookStore store, IGrainFactory grains, ILogger<WebhookStartupSweep> logger)
    {
        _store = store;
        _grains = grains;
        _logger = logger;
    }

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(WebhookStartupSweep), ServiceLifecycleStage.Active, SweepAsync);
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            var targets = await _store.ListTargetsWithPendingAsync(cancellationToken).ConfigureAwait(false);
            foreach (var target in targets)
            {
                await _grains.GetGrain<IWebhookEndpointGrain>(target).PokeAsync().ConfigureAwait(false);
            }

            if (targets.Count > 0)
            {
                WebhookLog.SweepResumed(_logger, targets.Count);
            }
        }
        catch (DbException exception)
        {
            // A database hiccup must not stop the silo from starting.
            WebhookLog.SweepFailed(_logger, exception);
        }
    }
}
