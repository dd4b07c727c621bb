using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Telepath.Api.Auth;
using Telepath.Api.Contracts;
using Telepath.Api.Errors;
using Telepath.Grains.Abstractions.Accounts;
using Telepath.Grains.Abstractions.Analytics;
using Telepath.Grains.Abstractions.Identifiers;

namespace Telepath.Api.Endpoints;

/// <summary>
/// <c>/v1/analytics</c> (spec §7): answered from the live aggregates of the account's and trunks' stats grains, never by
/// scanning the call table, so the cost does not grow with the number of calls.
/// </summary>
internal static class AnalyticsEndpoints
{
    /// <summary>Default window: the last 24 hours.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(24);

    private const string WindowDescription =
        "Calls count in the window in which they ended. Window bounds are ISO 8601 (`from`/`to`, or `start_date`/`end_date`), " +
        "default the last 24 hours. Minute data is kept for 48 hours, hour data for 90 days. Latency figures are " +
        "`{avg, p50, p95, p99, max}` in milliseconds over one sample per call (percentiles within 1 %).";

    public static RouteGroupBuilder MapAnalytics(this RouteGroupBuilder v1)
    {
        var analytics = v1.MapGroup("/analytics").WithTags("Analytics").RequireScope(ApiKeyScopes.AnalyticsRead);
        analytics.MapGet("/overview", OverviewAsync)
            .WithName("GetAnalyticsOverview")
            .WithSummary("Totals, success rate and latency percentiles of the account (or one trunk) over a window.")
            .WithDescription(WindowDescription)
            .Produces<DataEnvelope<AnalyticsOverview>>();
        analytics.MapGet("/timeseries", TimeseriesAsync)
            .WithName("GetAnalyticsTimeseries")
            .WithSummary("The overview figures per minute, hour or day bucket (at most 1,500 buckets).")
            .WithDescription(WindowDescription)
            .Produces<DataEnvelope<AnalyticsTimeseries>>();
        analytics.MapGet("/trunks", TrunksAsync)
            .WithName("GetAnalyticsPerTrunk")
            .WithSummary("The overview of every trunk of the account that has had calls, for comparing providers.")
            .WithDescription(WindowDescription)
            .Produces<DataEnvelope<IReadOnlyList<AnalyticsOverview>>>();
        return analytics;
    }

    private static async Task<IResult> OverviewAsync([AsParameters] AnalyticsParameters p, HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        var error = Window(p, time, out var from, out var to) ?? TrunkId(p.TrunkId);
        if (error is not null)
        {
            return ApiResults.Error(error);
        }

        var accountId = ApiCaller.From(context).AccountId;
        var summary = await Scope(grains, accountId, p.TrunkId).GetSummaryAsync(accountId, from, to);
        return ApiResults.Data(ToOverview(p.TrunkId, summary ?? Empty(from, to)));
    }

    private static async Task<IResult> TimeseriesAsync([AsParameters] AnalyticsParameters p, HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        var windowError = Window(p, time, out var from, out var to);
        var intervalError = Interval(p.Interval, from, to, out var interval);
        if ((windowError ?? TrunkId(p.TrunkId) ?? intervalError) is { } error)
        {
            return ApiResults.Error(error);
        }

        var accountId = ApiCaller.From(context).AccountId;
        var buckets = await Scope(grains, accountId, p.TrunkId).GetTimeseriesAsync(accountId, from, to, interval) ?? [];
        var name = interval.ToString().ToLowerInvariant();
        return ApiResults.Data(new AnalyticsTimeseries(p.TrunkId, from, to, name, buckets.Select(b => ToOverview(p.TrunkId, b)).ToList()));
    }

    private static async Task<IResult> TrunksAsync([AsParameters] AnalyticsParameters p, HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        var error = Window(p, time, out var from, out var to);
        if (error is not null)
        {
            return ApiResults.Error(error);
        }

        var accountId = ApiCaller.From(context).AccountId;
        var trunkIds = await grains.GetGrain<IAccountStatsGrain>(accountId).GetTrunkIdsAsync();
        var summaries = await Task.WhenAll(trunkIds.Select(id => grains.GetGrain<ITrunkStatsGrain>(id).GetSummaryAsync(accountId, from, to)));
        var overviews = new List<AnalyticsOverview>(trunkIds.Count);
        for (var i = 0; i < trunkIds.Count; i++)
        {
            if (summaries[i] is { } summary)
            {
                overviews.Add(ToOverview(trunkIds[i], summary));
            }
        }

        return ApiResults.Data<IReadOnlyList<AnalyticsOverview>>(overviews);
    }

    private static ICallStatsGrain Scope(IGrainFactory grains, string accountId, string? trunkId) =>
        trunkId is null ? grains.GetGrain<IAccountStatsGrain>(accountId) : grains.GetGrain<ITrunkStatsGrain>(trunkId);

    private static ApiError? Window(AnalyticsParameters p, TimeProvider time, out DateTimeOffset from, out DateTimeOffset to)
    {
        var error = CallsEndpoints.TryParseRange(p.From, p.StartDate, p.To, p.EndDate, out var start, out var end);
        to = end ?? time.GetUtcNow();
        from = start ?? to - DefaultWindow;
        if (error is null && from > to)
        {
            error = CallsEndpoints.Invalid("from must not be after to (to defaults to now)");
        }

        return error;
    }

    private static ApiError? TrunkId(string? trunkId) =>
        trunkId is null || ResourceIdGenerator.IsWellFormed(trunkId, ResourcePrefixes.Trunk)
            ? null
            : CallsEndpoints.Invalid("trunk_id must be a trunk id (trunk_…)");

    private static ApiError? Interval(string? text, DateTimeOffset from, DateTimeOffset to, out AnalyticsInterval interval)
    {
        interval = AnalyticsInterval.Hour;
        switch (text)
        {
            case null or "hour":
                break;
            case "minute":
                interval = AnalyticsInterval.Minute;
                break;
            case "day":
                interval = AnalyticsInterval.Day;
                break;
            default:
                return CallsEndpoints.Invalid("interval must be minute, hour or day");
        }

        var width = interval switch
        {
            AnalyticsInterval.Minute => TimeSpan.FromMinutes(1),
            AnalyticsInterval.Hour => TimeSpan.FromHours(1),
            _ => TimeSpan.FromDays(1),
        };
        var buckets = ((to - from) / width) + 1;
        return buckets > 1500
            ? CallsEndpoints.Invalid($"interval {text ?? "hour"} over this window gives more than 1500 buckets; narrow the window or widen the interval")
            : null;
    }

    private static AnalyticsSummary Empty(DateTimeOffset from, DateTimeOffset to) => new(
        from, to, 0, 0, 0, 0, 0, null, null, LatencySummary.Empty, LatencySummary.Empty, LatencySummary.Empty, LatencySummary.Empty, null, null);

    private static AnalyticsOverview ToOverview(string? trunkId, AnalyticsSummary s) => new(
        trunkId, s.From, s.To, s.TotalCalls, s.Completed, s.Failed, s.Dropped, s.ActiveCalls, s.SuccessRate, s.AvgDurationSeconds,
        Latency(s.AiLatencyMs), Latency(s.CarrierLagMs), Latency(s.GatewayProcessingMs), Latency(s.JitterMs), s.PacketLossPercent, s.Mos);

    private static AnalyticsLatency Latency(LatencySummary l) => new(l.Avg, l.P50, l.P95, l.P99, l.Max);
}
