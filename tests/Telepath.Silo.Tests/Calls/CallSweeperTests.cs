using Microsoft.Extensions.DependencyInjection;
using Telepath.Grains.Abstractions.Analytics;
using Telepath.Grains.Abstractions.Calls;
using Telepath.Grains.Abstractions.Identifiers;
using Telepath.Grains.Calls;
using Telepath.Media.Edge;
using Telepath.Silo.Calls;
using Telepath.Silo.Tests.Support;
using Telepath.TestKit;

namespace Telepath.Silo.Tests.Calls;

/// <summary>
/// A silo that crashes mid-call must leave <c>dropped</c> records, not forever-live ones (design §5). The sweeper is
/// given a cluster view in which the owning silo is dead; graceful shutdown ends live calls as <c>system_shutdown</c>.
/// </summary>
public sealed class CallSweeperTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("telepath-sweeper");
    private readonly ResourceIdGenerator _ids = new(TimeProvider.System);
    private SiloProcess _silo = null!;

    public async Task InitializeAsync() => _silo = await SiloProcess.StartAsync(_data.Path);

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Calls_of_a_dead_owner_become_dropped_or_failed_with_network_error_and_leave_the_active_count()
    {
        var (events, account, trunk) = Setup();
        var start = DateTimeOffset.UtcNow.AddMinutes(-3);
        var answered = await events.CallStartedAsync(Started(account, trunk, start), CancellationToken.None);
        await events.CallAnsweredAsync(new CallAnsweredEvent(answered, start.AddSeconds(1), "PCMU", 80), CancellationToken.None);
        var ringing = await events.CallStartedAsync(Started(account, trunk, start), CancellationToken.None);
        var sweeper = _silo.Services.GetRequiredService<CallSweeper>();

        var swept = await sweeper.SweepAsync(new HashSet<string>(), DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None);

        Assert.Equal(2, swept);
        var store = _silo.Services.GetRequiredService<ICallStore>();
        var dropped = await store.GetAsync(account, answered, CancellationToken.None);
        var failed = await store.GetAsync(account, ringing, CancellationToken.None);
        Assert.Equal((CallStatuses.Dropped, DisconnectReasons.NetworkError), (dropped!.Status, dropped.DisconnectReason));
        Assert.NotNull(dropped.EndTime);
        Assert.Null(dropped.OwnerSilo);
        Assert.Equal((CallStatuses.Failed, DisconnectReasons.NetworkError), (failed!.Status, failed.DisconnectReason));
        Assert.Empty(await store.ListLiveAsync(100, CancellationToken.None));
        var summary = await EventuallyAsync(account, s => s.TotalCalls == 2);
        Assert.Equal((1, 1, 0), (summary.Dropped, summary.Failed, summary.ActiveCalls));
    }

    [Fact]
    public async Task Calls_of_live_silos_and_rows_written_within_the_grace_period_are_left_alone()
    {
        var (events, account, trunk) = Setup();
        var id = await events.CallStartedAsync(Started(account, trunk, DateTimeOffset.UtcNow), CancellationToken.None);
        var sweeper = _silo.Services.GetRequiredService<CallSweeper>();

        var withOwnerAlive = await sweeper.SweepAsync(sweeper.LiveSilos(), DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None);
        var withinGrace = await sweeper.SweepAsync(new HashSet<string>(), DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Equal((0, 0), (withOwnerAlive, withinGrace));
        var call = await _silo.Services.GetRequiredService<ICallStore>().GetAsync(account, id, CancellationToken.None);
        Assert.Equal(CallStatuses.Ringing, call!.Status);
        Assert.NotNull(call.OwnerSilo);
    }

    [Fact]
    public async Task A_graceful_shutdown_ends_live_calls_as_system_shutdown_and_a_restart_keeps_the_records()
    {
        var (events, account, trunk) = Setup();
        var start = DateTimeOffset.UtcNow.AddSeconds(-20);
        var id = await events.CallStartedAsync(Started(account, trunk, start), CancellationToken.None);
        await events.CallAnsweredAsync(new CallAnsweredEvent(id, start.AddSeconds(1), "PCMU", 80), CancellationToken.None);

        await _silo.DisposeAsync();
        _silo = await SiloProcess.StartAsync(_data.Path);

        var call = await _silo.Services.GetRequiredService<ICallStore>().GetAsync(account, id, CancellationToken.None);
        Assert.Equal((CallStatuses.Dropped, DisconnectReasons.SystemShutdown), (call!.Status, call.DisconnectReason));
        var summary = await EventuallyAsync(account, s => s.TotalCalls == 1);
        Assert.Equal(1, summary.Dropped);
    }

    private (ICallEvents Events, string Account, string Trunk) Setup() =>
        (_silo.Services.GetRequiredService<ICallEvents>(), _ids.New(ResourcePrefixes.Account), _ids.New(ResourcePrefixes.Trunk));

    private static CallStartedEvent Started(string account, string trunk, DateTimeOffset at) =>
        new(trunk, account, "+14155550100", "+14155550199", null, "203.0.113.5:5060", "sip-" + Guid.NewGuid(), at);

    // Analytics are fed by one-way messages: wait (bounded) for the condition, then assert on the values.
    private async Task<AnalyticsSummary> EventuallyAsync(string account, Func<AnalyticsSummary, bool> ready)
    {
        AnalyticsSummary summary = null!;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            summary = (await _silo.Grains.GetGrain<IAccountStatsGrain>(account).GetSummaryAsync(account, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1)))!;
            if (ready(summary))
            {
                break;
            }

            await Task.Delay(50);
        }

        return summary;
    }
}
