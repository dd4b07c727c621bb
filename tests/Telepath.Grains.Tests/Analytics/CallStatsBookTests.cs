using Telepath.Grains.Abstractions.Analytics;
using Telepath.Grains.Abstractions.Calls;
using Telepath.Grains.Analytics;

namespace Telepath.Grains.Tests.Analytics;

/// <summary>The analytics arithmetic: bucket choice per window, retention, active calls, trunk metrics.</summary>
public sealed class CallStatsBookTests
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 10, 15, 30, 0, TimeSpan.Zero);

    [Fact]
    public void A_window_counts_whole_hours_from_hour_buckets_and_edges_from_minute_buckets_without_double_counting()
    {
        var book = new CallStatsBook(new CallStatsState());
        for (var minutes = 0; minutes < 300; minutes++)
        {
            book.Record(Sample("c" + minutes, s_now.AddMinutes(-minutes), CallStatuses.Completed, minutes), s_now);
        }

        // 13:15:00 .. 15:30:00 holds the calls that ended 0..135 minutes ago.
        var summary = book.Summarize(s_now.AddMinutes(-135), s_now);

        Assert.Equal(136, summary.TotalCalls);
        Assert.Equal(135, summary.AiLatencyMs.Max);
        Assert.Equal(67.5, summary.AiLatencyMs.Avg);
    }

    [Fact]
    public void Hour_buckets_answer_for_windows_older_than_minute_retention_and_nothing_survives_past_hour_retention()
    {
        var book = new CallStatsBook(new CallStatsState());
        book.Record(Sample("old", s_now.AddDays(-10), CallStatuses.Completed, 100), s_now);
        book.Record(Sample("ancient", s_now.AddDays(-100), CallStatuses.Completed, 100), s_now);

        book.Prune(s_now);

        Assert.Empty(book.State.Minutes);
        Assert.Single(book.State.Hours);
        Assert.Equal(1, book.Summarize(s_now.AddDays(-11), s_now).TotalCalls);
    }

    [Fact]
    public void Outcomes_success_rate_and_active_calls_follow_starts_and_ends_in_any_order()
    {
        var book = new CallStatsBook(new CallStatsState());
        book.Start("a", "trunk_a");
        book.Start("b", "trunk_a");
        book.End(Sample("a", s_now, CallStatuses.Completed, 500), s_now);
        book.End(Sample("c", s_now, CallStatuses.Failed, null), s_now);
        book.Start("c", "trunk_a");
        book.End(Sample("d", s_now, CallStatuses.Dropped, 700), s_now);

        var summary = book.Summarize(s_now.AddHours(-1), s_now);

        Assert.Equal((3, 1, 1, 1), (summary.TotalCalls, summary.Completed, summary.Failed, summary.Dropped));
        Assert.Equal(33.33, summary.SuccessRate);
        Assert.Equal(1, summary.ActiveCalls);
        Assert.Equal(["b"], book.State.ActiveCalls);
    }

    [Fact]
    public void Timeseries_buckets_partition_the_window_and_sum_to_its_total()
    {
        var book = new CallStatsBook(new CallStatsState());
        for (var i = 0; i < 50; i++)
        {
            book.Record(Sample("c" + i, s_now.AddMinutes(-i * 7), CallStatuses.Completed, i), s_now);
        }

        var from = s_now.AddHours(-6);
        var hours = book.Timeseries(from, s_now, AnalyticsInterval.Hour);
        var minutes = book.Timeseries(from, s_now, AnalyticsInterval.Minute);
        var total = book.Summarize(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero), s_now).TotalCalls;

        Assert.Equal(7, hours.Count);
        Assert.Equal(hours.Sum(h => h.TotalCalls), total);
        Assert.Equal(361, minutes.Count);
        Assert.Equal(book.Summarize(from, s_now).TotalCalls, minutes.Sum(m => m.TotalCalls));
    }

    [Fact]
    public void Trunk_metrics_count_today_and_average_latency_over_seven_days()
    {
        var book = new CallStatsBook(new CallStatsState());
        book.Record(Sample("today1", s_now.AddHours(-1), CallStatuses.Completed, 400), s_now);
        book.Record(Sample("today2", s_now.AddHours(-2), CallStatuses.Failed, null), s_now);
        book.Record(Sample("yesterday", s_now.AddDays(-1), CallStatuses.Completed, 800), s_now);
        book.Record(Sample("last-month", s_now.AddDays(-20), CallStatuses.Completed, 5000), s_now);
        book.Start("live", "trunk_a");

        var metrics = book.TrunkMetrics(s_now);

        Assert.Equal(new TrunkMetricsView(2, 50, 600, 1), metrics);
    }

    private static CallStatsSample Sample(string id, DateTimeOffset endedAt, string status, double? aiLatency) =>
        new(id, "acct_a", "trunk_a", status, endedAt, aiLatency is null ? null : 30, CallMetricsData.Empty with { AiLatencyMs = aiLatency });
}
