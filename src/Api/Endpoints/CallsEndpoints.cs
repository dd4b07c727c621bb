using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Telepath.Api.Auth;
using Telepath.Api.Contracts;
using Telepath.Api.Errors;
using Telepath.Api.Pagination;
using Telepath.Grains.Abstractions.Accounts;
using Telepath.Grains.Abstractions.Calls;
using Telepath.Grains.Abstractions.Identifiers;
using Telepath.Grains.Calls;

namespace Telepath.Api.Endpoints;

/// <summary><c>/v1/calls</c>: list with filters, sorts and both paging styles; one call with turns and SIP trace (spec §6).</summary>
internal static partial class CallsEndpoints
{
    private const string SortDescription =
        "Sort with `sort=<field>` where field is `start_time` (default), `duration`, `ai_latency_ms`, `carrier_lag_ms` or " +
        "`gateway_processing_ms`. Order is descending (newest, longest, slowest first) unless `order=asc` or the field is " +
        "prefixed with `+` (`sort=%2Bduration`; a bare `+` in a query string means a space); `-field` is descending. Unmeasured values sort as the smallest. " +
        "`next_cursor` continues the same sort and order; it stays stable while new calls arrive.";

    public static RouteGroupBuilder MapCalls(this RouteGroupBuilder v1)
    {
        var calls = v1.MapGroup("/calls").WithTags("Calls").RequireScope(ApiKeyScopes.CallsRead);
        calls.MapGet("", ListAsync)
            .WithName("ListCalls")
            .WithSummary("List the account's calls, filtered and sorted; newest first by default.")
            .WithDescription(SortDescription)
            .Produces<CallList>();
        calls.MapGet("/{id}", GetAsync)
            .WithName("GetCall")
            .WithSummary("One call with its turns and SIP trace; a live call shows its metrics so far.")
            .Produces<DataEnvelope<CallDetailResource>>();
        return calls;
    }

    private static async Task<IResult> ListAsync([AsParameters] CallListParameters parameters, HttpContext context, ICallStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var (page, pageError) = PageRequest.Parse(context.Request.Query);
        if (pageError is not null)
        {
            return ApiResults.Error(pageError);
        }

        var (query, error) = BuildQuery(parameters, ApiCaller.From(context).AccountId, page!);
        if (error is not null)
        {
            return ApiResults.Error(error);
        }

        var result = await store.ListAsync(query!, cancellationToken);
        var now = time.GetUtcNow();
        var items = result.Items.Select(call => ToResource(call, now)).ToList();
        var next = result.Next is { } cursor ? PageCursor.Encode(CursorKey(query!) + "|" + cursor.Value.ToString("R", CultureInfo.InvariantCulture) + "|" + cursor.Id) : null;
        var total = (int)Math.Min(int.MaxValue, result.Total);
        return ApiResults.Body(new CallList(items, items, new PaginationInfo(page!.Limit, page.Offset, total), result.HasMore, next));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, ICallStore store, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        var accountId = ApiCaller.From(context).AccountId;
        var call = ResourceIdGenerator.IsWellFormed(id, ResourcePrefixes.Call) ? await store.GetAsync(accountId, id, cancellationToken) : null;
        if (call is null)
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, ApiErrorCodes.CallNotFound, $"No call with id '{id}'.");
        }

        if (CallStatuses.IsLive(call.Status))
        {
            // The row is a checkpoint (up to a few seconds old); the call's grain holds the figures of this moment.
            var live = await grains.GetGrain<ICallGrain>(id).GetLiveAsync();
            if (live is not null && live.AccountId == accountId)
            {
                call = live;
            }
        }

        return ApiResults.Data(ToDetail(call, time.GetUtcNow()));
    }

    private static (CallQuery? Query, ApiError? Error) BuildQuery(CallListParameters p, string accountId, PageRequest page)
    {
        if (p.TrunkId is not null && !ResourceIdGenerator.IsWellFormed(p.TrunkId, ResourcePrefixes.Trunk))
        {
            return (null, Invalid("trunk_id must be a trunk id (trunk_…)"));
        }

        if (p.Status is not null && !CallStatuses.All.Contains(p.Status))
        {
            return (null, Invalid($"status must be one of: {string.Join(", ", CallStatuses.All)}"));
        }

        if (p.Direction is not null and not (CallDirections.Inbound or CallDirections.Outbound))
        {
            return (null, Invalid("direction must be inbound or outbound"));
        }

        var rangeError = TryParseRange(p.From, p.StartDate, p.To, p.EndDate, out var from, out var to);
        var durationError = TryParseNumber(p.MinDuration, "min_duration", out var minDuration);
        var latencyError = TryParseNumber(p.MinAiLatencyMs, "min_ai_latency_ms", out var minLatency);
        var sortError = TryParseSort(p.Sort, p.Order, out var sort, out var descending);
        if ((rangeError ?? durationError ?? latencyError ?? sortError) is { } error)
        {
            return (null, error);
        }

        var query = new CallQuery
        {
            AccountId = accountId,
            TrunkId = p.TrunkId,
            Status = p.Status,
            Direction = p.Direction,
            From = from,
            To = to,
            MinDurationSeconds = minDuration,
            MinAiLatencyMs = minLatency,
            Sort = sort,
            Descending = descending,
            Limit = page.Limit,
            Offset = page.Offset,
        };
        if (page.After is { } after)
        {
            var cursor = ParseCursor(after, CursorKey(query));
            if (cursor is null)
            {
                return (null, Invalid("cursor belongs to a different sort or order; start again without it"));
            }

            query = query with { After = cursor };
        }

        return (query, null);
    }

    private static ApiError? TryParseSort(string? sortText, string? orderText, out CallSortField sort, out bool descending)
    {
        sort = CallSortField.StartTime;
        descending = true;
        var field = sortText ?? "start_time";
        if (field.StartsWith('-') || field.StartsWith('+'))
        {
            descending = field[0] == '-';
            field = field[1..];
        }

        sort = field switch
        {
            "start_time" => CallSortField.StartTime,
            "duration" or "duration_seconds" => CallSortField.Duration,
            "ai_latency_ms" => CallSortField.AiLatency,
            "carrier_lag_ms" => CallSortField.CarrierLag,
            "gateway_processing_ms" => CallSortField.GatewayProcessing,
            _ => (CallSortField)(-1),
        };
        if ((int)sort < 0)
        {
            return Invalid("sort must be one of: start_time, duration, ai_latency_ms, carrier_lag_ms, gateway_processing_ms (optionally prefixed by - or +)");
        }

        switch (orderText)
        {
            case null:
                return null;
            case "asc":
                descending = false;
                return null;
            case "desc":
                descending = true;
                return null;
            default:
                return Invalid("order must be asc or desc");
        }
    }

    private static string CursorKey(CallQuery query) => $"{query.Sort}:{(query.Descending ? "desc" : "asc")}";

    private static CallCursor? ParseCursor(string text, string expectedKey)
    {
        var parts = text.Split('|');
        return parts.Length == 3
            && parts[0] == expectedKey
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && ResourceIdGenerator.IsWellFormed(parts[2], ResourcePrefixes.Call)
            ? new CallCursor(value, parts[2])
            : null;
    }

    private static CallResource ToResource(CallRecord c, DateTimeOffset now) => new(
        c.Id, c.TrunkId, c.Direction, c.From, c.To, c.Status, c.DisconnectReason, c.StartTime, c.AnswerTime, c.EndTime,
        c.DurationSecondsAt(now), c.CodecUsed, c.Carrier, Metrics(c.Metrics), c.Metrics.AiLatencyMs, c.Metrics.CarrierLagMs, c.Metrics.GatewayProcessingMs);

    private static CallDetailResource ToDetail(CallRecord c, DateTimeOffset now) => new(
        c.Id, c.TrunkId, c.Direction, c.From, c.To, c.Status, c.DisconnectReason, c.StartTime, c.AnswerTime, c.EndTime,
        c.DurationSecondsAt(now), c.CodecUsed, c.Carrier, Metrics(c.Metrics), c.Metrics.AiLatencyMs, c.Metrics.CarrierLagMs, c.Metrics.GatewayProcessingMs,
        c.SipCallId,
        c.Turns.Select(static t => new CallTurnResource(t.TurnNumber, t.Speaker, t.StartedAt, t.DurationMs, t.ProcessingTimeMs, t.Interrupted)).ToList(),
        c.SipTrace.Select(static s => new CallSipTraceResource(s.At, s.Direction, s.Remote, s.Text)).ToList(),
        c.SipTraceTruncated);

    private static CallMetricsResource Metrics(CallMetricsData m) => new(
        m.AiLatencyMs, m.AiLatencyP95Ms, m.GatewayProcessingMs, m.GatewayProcessingP99Ms, m.CarrierLagMs, m.SetupMs, m.JitterMs, m.PacketLossPercent, m.Mos, m.Interruptions);
}
