using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Telepath.Api.Auth;
using Telepath.Api.Contracts;
using Telepath.Api.Errors;
using Telepath.Api.Json;
using Telepath.Api.Pagination;
using Telepath.Grains.Abstractions.Accounts;
using Telepath.Grains.Abstractions.Identifiers;
using Telepath.Grains.Abstractions.Webhooks;

namespace Telepath.Api.Endpoints;

/// <summary>
/// <c>/v1/webhooks</c>: account-wide endpoints (secret shown once), their delivery log and manual retries (spec §8).
/// Scope <c>webhooks:write</c> for every route, reads included, since the log shows what was sent where.
/// </summary>
internal static class WebhooksEndpoints
{
    /// <summary>Longest accepted URL.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>Longest accepted description.</summary>
    public const int MaxDescriptionLength = 200;

    /// <summary>Endpoint creation resolves DNS and mints a secret: its own small budget.</summary>
    public const int CreateLimitPerMinute = 30;

    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder v1)
    {
        var hooks = v1.MapGroup("/webhooks").WithTags("Webhooks").RequireScope(ApiKeyScopes.WebhooksWrite);
        hooks.MapPost("", CreateAsync)
            .WithName("CreateWebhook")
            .WithSummary("Create a webhook endpoint; its signing secret is in this response only.")
            .WithDescription("The url must be https:// and must not resolve to a private, loopback or link-local address (checked again at every connection).")
            .WithCostlyLimit("webhooks.create", CreateLimitPerMinute)
            .Accepts<CreateWebhookRequest>("application/json")
            .Produces<DataEnvelope<CreatedWebhookResource>>(StatusCodes.Status201Created);
        hooks.MapGet("", ListAsync)
            .WithName("ListWebhooks")
            .WithSummary("List the account's webhook endpoints, newest first (never their secrets).")
            .Produces<WebhookList>();
        hooks.MapGet("/{id}", GetAsync)
            .WithName("GetWebhook")
            .WithSummary("Get one webhook endpoint, including whether it was disabled and why.")
            .Produces<DataEnvelope<WebhookResource>>();
        hooks.MapDelete("/{id}", DeleteAsync)
            .WithName("DeleteWebhook")
            .WithSummary("Delete a webhook endpoint; its pending deliveries are abandoned as failed.")
            .Produces<DataEnvelope<DeletedResource>>();
        hooks.MapGet("/{id}/deliveries", ListDeliveriesAsync)
            .WithName("ListWebhookDeliveries")
            .WithSummary("List an endpoint's deliveries, newest first, with each one's latest attempt.")
            .WithDescription("Each attempt's full log is at GET /v1/webhooks/deliveries/{id}.")
            .Produces<WebhookDeliveryList>();
        hooks.MapGet("/deliveries/{id}", GetDeliveryAsync)
            .WithName("GetWebhookDelivery")
            .WithSummary("Get one delivery with every attempt (status code, latency, error).")
            .Produces<DataEnvelope<WebhookDeliveryDetail>>();
        hooks.MapPost("/deliveries/{id}/retry", RetryAsync)
            .WithName("RetryWebhookDelivery")
            .WithSummary("Re-send one delivery now (also a succeeded or failed one); answers 202 with the delivery, now pending.")
            .WithDescription("The receiver gets the same body and Idempotency-Key. 409 conflict when the endpoint is disabled.")
            .Produces<DataEnvelope<WebhookDeliveryDetail>>(StatusCodes.Status202Accepted);
        return hooks;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IGrainFactory grains, IWebhookUrlPolicy urlPolicy, ResourceIdGenerator ids, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync<CreateWebhookRequest>(context);
        if (error is not null)
        {
            return ApiResults.Error(error);
        }

        var (events, validation) = Validate(body!);
        if (validation is not null)
        {
            return ApiResults.Error(validation);
        }

        var url = body!.Url!.Trim();
        if (await urlPolicy.CheckAsync(url, context.RequestAborted) is { } refusal)
        {
            return ApiResults.Error(Invalid(refusal));
        }

        var caller = ApiCaller.From(context);
        var id = ids.New(ResourcePrefixes.Webhook);
        var description = string.IsNullOrWhiteSpace(body.Description) ? null : body.Description.Trim();
        var record = new WebhookEndpointRecord(id, caller.AccountId, url, description, events!, WebhookSecrets.Generate(),
            WebhookEndpointStatus.Enabled, null, null, null, time.GetUtcNow());
        var created = await grains.GetGrain<IWebhookEndpointGrain>(id).CreateAsync(record);
        context.Response.Headers.Location = $"/v1/webhooks/{id}";
        return ApiResults.Data(
            new CreatedWebhookResource(created.Id, created.Url, created.Description, created.Events, created.Status, null, null, null, created.CreatedAt, created.Secret),
            StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IWebhookStore store)
    {
        var (page, error) = PageRequest.Parse(context.Request.Query);
        if (error is not null)
        {
            return ApiResults.Error(error);
        }

        var endpoints = await store.ListEndpointsAsync(ApiCaller.From(context).AccountId, context.RequestAborted);
        var resources = endpoints.Select(ToResource).ToList();
        var slice = Page<WebhookResource>.From(resources, static w => w.Id, page!);
        return ApiResults.Body(new WebhookList(slice.Items, slice.Items, new PaginationInfo(page!.Limit, page.Offset, slice.Total), slice.HasMore, slice.NextCursor));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, IWebhookStore store)
    {
        var endpoint = await FindAsync(id, context, store);
        return endpoint is null ? NotFound(id) : ApiResults.Data(ToResource(endpoint));
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, IGrainFactory grains)
    {
        var deleted = ResourceIdGenerator.IsWellFormed(id, ResourcePrefixes.Webhook)
            && await grains.GetGrain<IWebhookEndpointGrain>(id).DeleteAsync(ApiCaller.From(context).AccountId);
        return deleted ? ApiResults.Data(new DeletedResource(id, true)) : NotFound(id);
    }

    private static async Task<IResult> ListDeliveriesAsync(string id, HttpContext context, IWebhookStore store)
    {
        var (page, error) = PageRequest.Parse(context.Request.Query);
        if (error is not null)
        {
            return ApiResults.Error(error);
        }

        if (await FindAsync(id, context, store) is null)
        {
            return NotFound(id);
        }

        var (rows, total) = await store.ListDeliveriesAsync(id, page!.Limit, page.Offset, page.After, context.RequestAborted);
        var hasMore = rows.Count > page.Limit;
        var items = rows.Take(page.Limit).Select(ToResource).ToList();
        var next = hasMore && items.Count > 0 ? PageCursor.Encode(items[^1].Id) : null;
        return ApiResults.Body(new WebhookDeliveryList(items, items, new PaginationInfo(page.Limit, page.Offset, total), hasMore, next));
    }

    private static async Task<IResult> GetDeliveryAsync(string id, HttpContext context, IWebhookStore store)
    {
        var delivery = await FindDeliveryAsync(id, context, store);
        return delivery is null ? DeliveryNotFound(id) : ApiResults.Data(ToDetail(delivery));
    }

    private static async Task<IResult> RetryAsync(string id, HttpContext context, IWebhookStore store, IGrainFactory grains)
    {
        var delivery = await FindDeliveryAsync(id, context, store);
        if (delivery is null)
        {
            return DeliveryNotFound(id);
        }

        var endpoint = await store.GetEndpointAsync(delivery.TargetId, context.RequestAborted);
        if (endpoint is { Status: not WebhookEndpointStatus.Enabled })
        {
            return ApiResults.Error(StatusCodes.Status409Conflict, ApiErrorCodes.Conflict, $"Webhook {endpoint.Id} is {endpoint.Status}; its deliveries cannot be retried.");
        }

        var retried = await grains.GetGrain<IWebhookEndpointGrain>(delivery.TargetId).RetryDeliveryAsync(id);
        return retried is null ? DeliveryNotFound(id) : ApiResults.Data(ToDetail(retried), StatusCodes.Status202Accepted);
    }

    private static async Task<WebhookEndpointRecord?> FindAsync(string id, HttpContext context, IWebhookStore store)
    {
        if (!ResourceIdGenerator.IsWellFormed(id, ResourcePrefixes.Webhook))
        {
            return null;
        }

        var endpoint = await store.GetEndpointAsync(id, context.RequestAborted);
        // Another account's endpoint answers exactly like a missing one (spec §2).
        return endpoint is not null && endpoint.AccountId == ApiCaller.From(context).AccountId && endpoint.Status != WebhookEndpointStatus.Deleted
            ? endpoint
            : null;
    }

    private static async Task<WebhookDeliveryView?> FindDeliveryAsync(string id, HttpContext context, IWebhookStore store)
    {
        if (id.Length > 64)
        {
            return null;
        }

        var delivery = await store.GetDeliveryAsync(id, context.RequestAborted);
        return delivery is not null && delivery.AccountId == ApiCaller.From(context).AccountId ? delivery : null;
    }

    private static (IReadOnlyList<string>? Events, ApiError? Error) Validate(CreateWebhookRequest body)
    {
        if (string.IsNullOrWhiteSpace(body.Url))
        {
            return (null, new ApiError(ApiErrorCodes.MissingRequired, "url is required", StatusCodes.Status400BadRequest));
        }

        if (body.Url.Length > MaxUrlLength)
        {
            return (null, Invalid($"url must be at most {MaxUrlLength} characters"));
        }

        if (body.Events is null)
        {
            return (null, new ApiError(ApiErrorCodes.MissingRequired, "events is required", StatusCodes.Status400BadRequest));
        }

        if (body.Events.Count == 0)
        {
            return (null, Invalid("events must not be empty; use [\"*\"] for every event"));
        }

        if (body.Description is { Length: > MaxDescriptionLength })
        {
            return (null, Invalid($"description must be at most {MaxDescriptionLength} characters"));
        }

        if (body.Events.Contains(WebhookEventTypes.All))
        {
            return body.Events.All(static e => e == WebhookEventTypes.All)
                ? ([WebhookEventTypes.All], null)
                : (null, Invalid("events must be [\"*\"] alone or a list of event types"));
        }

        foreach (var type in body.Events)
        {
            if (!WebhookEventTypes.IsKnown(type))
            {
                return (null, Invalid($"events contains '{type}', which is not one of: {string.Join(", ", WebhookEventTypes.Known)}, or *"));
            }
        }

        // Canonical order, no duplicates.
        return (WebhookEventTypes.Known.Where(body.Events.Contains).ToArray(), null);
    }

    private static WebhookResource ToResource(WebhookEndpointRecord e) =>
        new(e.Id, e.Url, e.Description, e.Events, e.Status, e.DisabledReason, e.DisabledAt, e.FailingSince, e.CreatedAt);

    private static WebhookDeliveryResource ToResource(WebhookDeliveryView d) =>
        new(d.Id, d.TargetId, d.EventId, d.EventType, d.Status, d.Attempts, d.LastStatusCode, d.LastLatencyMs, d.LastError, d.NextAttemptAt, d.CreatedAt, d.DeliveredAt);

    private static WebhookDeliveryDetail ToDetail(WebhookDeliveryView d) =>
        new(d.Id, d.TargetId, d.EventId, d.EventType, d.Status, d.Attempts, d.LastStatusCode, d.LastLatencyMs, d.LastError, d.NextAttemptAt, d.CreatedAt, d.DeliveredAt,
            d.AttemptLog.Select(static a => new WebhookAttemptResource(a.Attempt, a.AttemptedAt, a.StatusCode, a.LatencyMs, a.Error)).ToList());

    private static IResult NotFound(string id) =>
        ApiResults.Error(StatusCodes.Status404NotFound, ApiErrorCodes.WebhookNotFound, $"No webhook with id '{id}'.");

    private static IResult DeliveryNotFound(string id) =>
        ApiResults.Error(StatusCodes.Status404NotFound, ApiErrorCodes.WebhookDeliveryNotFound, $"No webhook delivery with id '{id}'.");

    private static ApiError Invalid(string message) => new(ApiErrorCodes.InvalidParameters, message, StatusCodes.Status400BadRequest);
}
