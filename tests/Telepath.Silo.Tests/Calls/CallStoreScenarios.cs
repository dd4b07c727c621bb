using Telepath.Grains.Abstractions.Calls;
using Telepath.Grains.Calls;

namespace Telepath.Silo.Tests.Calls;

/// <summary>
/// The call store's contract, run against SQLite and PostgreSQL by the derived classes: both must behave the same.
/// </summary>
public abstract class CallStoreScenarios
{
    private static readonly DateTimeOffset s_base = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A store over a fresh, migrated database.</summary>
    protected abstract Task<ICallStore> CreateStoreAsync();

    [Fact]
    public async Task Upsert_then_get_round_trips_every_field_including_detail()
    {
        var store = await CreateStoreAsync();
        var call = CallRecords.Ended("acct_a", 1, s_base, aiLatencyMs: 812.5, carrierLagMs: 41, gatewayMs: 0.4);

        await store.UpsertAsync(call, CancellationToken.None);
        var read = await store.GetAsync("acct_a", call.Id, CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(call.Metrics, read.Metrics);
        Assert.Equal(call.Turns, read.Turns);
        Assert.Equal(call.SipTrace, read.SipTrace);
        Assert.Equal(call with { Turns = read.Turns, SipTrace = read.SipTrace }, read);
    }

    [Fact]
    public async Task Another_accounts_call_is_invisible_to_get_and_list()
    {
        var store = await CreateStoreAsync();
        await store.UpsertAsync(CallRecords.Ended("acct_a", 1, s_base), CancellationToken.None);

        Assert.Null(await store.GetAsync("acct_b", CallRecords.Id(1), CancellationToken.None));
        var page = await store.ListAsync(new CallQuery { AccountId = "acct_b" }, CancellationToken.None);
        Assert.Empty(page.Items);
        Assert.Equal(0, page.Total);
    }

    [Fact]
    public async Task Upsert_replaces_the_row_of_a_call_that_moves_from_ringing_to_completed()
    {
        var store = await CreateStoreAsync();
        var ended = CallRecords.Ended("acct_a", 1, s_base);
        var ringing = ended with { Status = CallStatuses.Ringing, AnswerTime = null, EndTime = null, DisconnectReason = null, OwnerSilo = "S127.0.0.1:1:1" };

        await store.UpsertAsync(ringing, CancellationToken.None);
        Assert.Single(await store.ListLiveAsync(10, CancellationToken.None));
        await store.UpsertAsync(ended, CancellationToken.None);

        Assert.Empty(await store.ListLiveAsync(10, CancellationToken.None));
        var page = await store.ListAsync(new CallQuery { AccountId = "acct_a" }, CancellationToken.None);
        Assert.Equal(CallStatuses.Completed, Assert.Single(page.Items).Status);
    }

    [Fact]
    public async Task Default_order_is_newest_first_and_offset_pages_partition_the_list()
    {
        var store = await CreateStoreAsync();
        await store.InsertManyAsync([.. Enumerable.Range(1, 7).Select(i => CallRecords.Ended("acct_a", i, s_base.AddMinutes(i)))], CancellationToken.None);

        var first = await store.ListAsync(new CallQuery { AccountId = "acct_a", Limit = 3 }, CancellationToken.None);
        var third = await store.ListAsync(new CallQuery { AccountId = "acct_a", Limit = 3, Offset = 6 }, CancellationToken.None);

        Assert.Equal([CallRecords.Id(7), CallRecords.Id(6), CallRecords.Id(5)], first.Items.Select(c => c.Id));
        Assert.True(first.HasMore);
        Assert.Equal(7, first.Total);
        Assert.Equal([CallRecords.Id(1)], third.Items.Select(c => c.Id));
        Assert.False(third.HasMore);
        Assert.Null(third.Next);
    }

    [Fact]
    public async Task Cursor_walk_is_stable_while_new_calls_arrive()
    {
        var store = await CreateStoreAsync();
        await store.InsertManyAsync([.. Enumerable.Range(1, 10).Select(i => CallRecords.Ended("acct_a", i, s_base.AddMinutes(i)))], CancellationToken.None);

        var seen = new List<string>();
        var query = new CallQuery { AccountId = "acct_a", Limit = 3 };
        var inserted = 100;
        while (true)
        {
            var page = await store.ListAsync(query, CancellationToken.None);
            seen.AddRange(page.Items.Select(c => c.Id));
            // A new call (newer than everything) arrives between every two pages.
            await store.UpsertAsync(CallRecords.Ended("acct_a", inserted, s_base.AddHours(1).AddMinutes(inserted)), CancellationToken.None);
            inserted++;
            if (page.Next is null)
            {
                break;
            }

            query = query with { After = page.Next };
        }

        Assert.Equal(Enumerable.Range(1, 10).Reverse().Select(CallRecords.Id), seen);
    }

    [Theory]
    [InlineData(CallSortField.Duration, true)]
    [InlineData(CallSortField.Duration, false)]
    [InlineData(CallSortField.AiLatency, true)]
    [InlineData(CallSortField.AiLatency, false)]
    [InlineData(CallSortField.CarrierLag, true)]
    [InlineData(CallSortField.CarrierLag, false)]
    [InlineData(CallSortField.GatewayProcessing, true)]
    [InlineData(CallSortField.GatewayProcessing, false)]
    [InlineData(CallSortField.StartTime, false)]
    public async Task Every_sort_orders_by_its_value_with_ties_and_nulls_walkable_by_cursor(CallSortField sort, bool descending)
    {
        var store = await CreateStoreAsync();
        var calls = new List<CallRecord>();
        for (var i = 1; i <= 12; i++)
        {
            // Values repeat (ties broken by id) and every fourth call is unmeasured (sorts as the smallest).
            double? value = i % 4 == 0 ? null : (i * 7) % 5;
            calls.Add(CallRecords.Ended("acct_a", i, s_base.AddMinutes(i), durationSeconds: value, aiLatencyMs: value, carrierLagMs: value, gatewayMs: value));
        }

        await store.InsertManyAsync(calls, CancellationToken.None);
        var expected = calls
            .Select(c => (c.Id, Key: SortKey(c, sort)))
            .OrderBy(c => descending ? -c.Key : c.Key)
            .ThenBy(c => descending ? Negate(c.Id) : c.Id, StringComparer.Ordinal)
            .Select(c => c.Id)
            .ToList();

        var walked = new List<string>();
        var query = new CallQuery { AccountId = "acct_a", Sort = sort, Descending = descending, Limit = 5 };
        do
        {
            var page = await store.ListAsync(query, CancellationToken.None);
            walked.AddRange(page.Items.Select(c => c.Id));
            query = query with { After = page.Next };
        }
        while (query.After is not null);

        Assert.Equal(expected, walked);
    }

    [Fact]
    public async Task Every_filter_narrows_the_list_and_the_total()
    {
        var store = await CreateStoreAsync();
        await store.InsertManyAsync(
        [
            CallRecords.Ended("acct_a", 1, s_base, trunkId: "trunk_00000000000000000000000001", durationSeconds: 10, aiLatencyMs: 300),
            CallRecords.Ended("acct_a", 2, s_base.AddHours(1), trunkId: "trunk_00000000000000000000000002", durationSeconds: 100, aiLatencyMs: 900),
            CallRecords.Ended("acct_a", 3, s_base.AddHours(2), status: CallStatuses.Failed, durationSeconds: null),
            CallRecords.Ended("acct_a", 4, s_base.AddHours(3), status: CallStatuses.Dropped, durationSeconds: 50, aiLatencyMs: 1200),
        ],
            CancellationToken.None);

        async Task<string[]> Ids(CallQuery query)
        {
            var page = await store.ListAsync(query, CancellationToken.None);
            Assert.Equal(page.Items.Count, page.Total);
            return [.. page.Items.Select(c => c.Id).Order(StringComparer.Ordinal)];
        }

        var all = new CallQuery { AccountId = "acct_a" };
        Assert.Equal([CallRecords.Id(2)], await Ids(all with { TrunkId = "trunk_00000000000000000000000002" }));
        Assert.Equal([CallRecords.Id(3)], await Ids(all with { Status = CallStatuses.Failed }));
        Assert.Equal(4, (await Ids(all with { Direction = CallDirections.Inbound })).Length);
        Assert.Empty(await Ids(all with { Direction = CallDirections.Outbound }));
        Assert.Equal([CallRecords.Id(2), CallRecords.Id(3)], await Ids(all with { From = s_base.AddHours(1), To = s_base.AddHours(2) }));
        Assert.Equal([CallRecords.Id(2), CallRecords.Id(4)], await Ids(all with { MinDurationSeconds = 50 }));
        Assert.Equal([CallRecords.Id(2), CallRecords.Id(4)], await Ids(all with { MinAiLatencyMs = 900 }));
        Assert.Equal([CallRecords.Id(4)], await Ids(all with { MinAiLatencyMs = 900, Status = CallStatuses.Dropped }));
    }

    [Fact]
    public async Task Scan_for_stats_returns_recently_ended_and_live_calls_of_the_scope_only()
    {
        var store = await CreateStoreAsync();
        var old = CallRecords.Ended("acct_a", 1, s_base.AddDays(-100));
        var recent = CallRecords.Ended("acct_a", 2, s_base);
        var live = CallRecords.Ended("acct_a", 3, s_base) with { Status = CallStatuses.Connected, EndTime = null, DisconnectReason = null };
        var other = CallRecords.Ended("acct_b", 4, s_base, trunkId: "trunk_00000000000000000000000009");
        await store.InsertManyAsync([old, recent, live, other], CancellationToken.None);

        var byAccount = new List<string>();
        await foreach (var call in store.ScanForStatsAsync("acct_a", null, s_base.AddDays(-90), CancellationToken.None))
        {
            byAccount.Add(call.Id);
        }

        var byTrunk = new List<string>();
        await foreach (var call in store.ScanForStatsAsync(null, "trunk_00000000000000000000000009", s_base.AddDays(-90), CancellationToken.None))
        {
            byTrunk.Add(call.Id);
        }

        Assert.Equal([recent.Id, live.Id], byAccount.Order(StringComparer.Ordinal));
        Assert.Equal([other.Id], byTrunk);
    }

    private static double SortKey(CallRecord call, CallSortField sort) => sort switch
    {
        CallSortField.Duration => call.EndTime is { } end ? call.DurationSecondsAt(end) ?? -1 : -1,
        CallSortField.AiLatency => call.Metrics.AiLatencyMs ?? -1,
        CallSortField.CarrierLag => call.Metrics.CarrierLagMs ?? -1,
        CallSortField.GatewayProcessing => call.Metrics.GatewayProcessingMs ?? -1,
        _ => call.StartTime.ToUnixTimeMilliseconds(),
    };

    // Ids in these tests are digits after a fixed prefix: mapping each digit d to 9-d reverses their order.
    private static string Negate(string id) => string.Concat(id.Select(c => char.IsDigit(c) ? (char)('9' - c + '0') : c));
}
