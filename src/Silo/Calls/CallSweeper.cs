using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Telepath.Grains.Abstractions.Calls;
using Telepath.Grains.Calls;
using Telepath.Media.Edge;

namespace Telepath.Silo.Calls;

/// <summary>
/// Ends calls left live by a silo that crashed. Every live store row names its owning silo; every silo runs this
/// service, which periodically lists live rows and, for those whose owner is no longer a live cluster member
/// (<see cref="IClusterMembershipService"/>) and whose last write is older than the grace period, asks the call's
/// grain to end it as <c>dropped</c> (or <c>failed</c> if never answered) with <c>network_error</c>. The grain is the
/// single writer and checks the status, so several silos sweeping the same row at once is harmless. A silo that
/// leaves gracefully ends its own calls with <c>system_shutdown</c> first (<see cref="LiveCallShutdown"/>), so only
/// crashes reach this path. In embedded mode a restarted silo has a new address, so the previous run's calls are swept.
/// </summary>
internal sealed partial class CallSweeper : BackgroundService
{
    private const int BatchSize = 500;

    private readonly ICallStore _store;
    private readonly IGrainFactory _grains;
    private readonly IClusterMembershipService _membership;
    private readonly TimeProvider _time;
    private readonly CallSweeperOptions _options;
    private readonly ILogger<CallSweeper> _logger;

    public CallSweeper(
        ICallStore store,
        IGrainFactory grains,
        IClusterMembershipService membership,
        TimeProvider time,
        IOptions<CallSweeperOptions> options,
        ILogger<CallSweeper> logger)
    {
        _store = store;
        _grains = grains;
        _membership = membership;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>
    /// One sweep: ends every live call whose owner is not in <paramref name="liveSilos"/> and was last written before
    /// <paramref name="now"/> minus the grace period. Returns how many it ended.
    /// </summary>
    public async Task<int> SweepAsync(IReadOnlySet<string> liveSilos, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now - TimeSpan.FromSeconds(_options.GraceSeconds);
        var ended = 0;
        foreach (var row in await _store.ListLiveAsync(BatchSize, cancellationToken).ConfigureAwait(false))
        {
            if (row.UpdatedAt > cutoff || (row.OwnerSilo is not null && liveSilos.Contains(row.OwnerSilo)))
            {
                continue;
            }

            if (await _grains.GetGrain<ICallGrain>(row.CallId).AbandonAsync(DisconnectReasons.NetworkError, now).ConfigureAwait(false))
            {
                ended++;
            }
        }

        if (ended > 0)
        {
            Log.Swept(_logger, ended);
        }

        return ended;
    }

    /// <summary>The addresses of the cluster members that are not dead, in the form the store rows carry.</summary>
    public IReadOnlySet<string> LiveSilos()
    {
        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in _membership.CurrentSnapshot.Members.Values)
        {
            if (member.Status != SiloStatus.Dead)
            {
                live.Add(member.SiloAddress.ToParsableString());
            }
        }

        return live;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.SweepIntervalSeconds), _time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await SweepAsync(LiveSilos(), _time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.SweepFailed(_logger, exception);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 8100, Level = LogLevel.Warning, Message = "Ended {Count} calls whose silo is gone")]
        public static partial void Swept(ILogger logger, int count);

        [LoggerMessage(EventId = 8101, Level = LogLevel.Warning, Message = "Sweeping orphaned calls failed; retrying on the next tick")]
        public static partial void SweepFailed(ILogger logger, Exception exception);
    }
}
