using Orleans.Runtime;
using Telepath.Grains.Abstractions.Calls;
using Telepath.Media.Edge;
using Telepath.Silo.Edge;

namespace Telepath.Silo.Calls;

/// <summary>
/// On graceful silo shutdown, ends the calls still registered live here as <c>system_shutdown</c> before grains stop,
/// so the records say what happened instead of waiting for another silo's sweeper to call it a network error.
/// </summary>
internal sealed partial class LiveCallShutdown : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly LiveCallRegistry _registry;
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly ILogger<LiveCallShutdown> _logger;

    public LiveCallShutdown(LiveCallRegistry registry, IGrainFactory grains, TimeProvider time, ILogger<LiveCallShutdown> logger)
    {
        _registry = registry;
        _grains = grains;
        _time = time;
        _logger = logger;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(LiveCallShutdown), ServiceLifecycleStage.Active, static _ => Task.CompletedTask, StopAsync);

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        var calls = _registry.Snapshot();
        if (calls.Count == 0)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var endings = new List<Task>(calls.Count);
        foreach (var callId in calls)
        {
            endings.Add(_grains.GetGrain<ICallGrain>(callId).AbandonAsync(DisconnectReasons.SystemShutdown, now));
            _registry.Remove(callId);
        }

        try
        {
            await Task.WhenAll(endings).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.ShutdownEndFailed(_logger, exception, calls.Count);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 8102, Level = LogLevel.Warning, Message = "Ending {Count} live calls at shutdown failed; the sweeper will end them")]
        public static partial void ShutdownEndFailed(ILogger logger, Exception exception, int count);
    }
}
