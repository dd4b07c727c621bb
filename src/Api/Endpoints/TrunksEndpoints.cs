using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Telepath.Api.Auth;
using Telepath.Api.Contracts;
using Telepath.Api.Errors;
using Telepath.Api.Json;
using Telepath.Api.Pagination;
using Telepath.Api.Secrets;
using Telepath.Api.Trunks;
using Telepath.Grains.Abstractions.Accounts;
using Telepath.Grains.Abstractions.Identifiers;
using Telepath.Grains.Abstractions.Trunks;

namespace Telepath.Api.Endpoints;

/// <summary>
/// <c>/v1/trunks</c> (spec §5): list, create (SIP password shown once), read, PATCH, delete and password rotation.
/// Reads need <c>trunks:read</c>, writes <c>trunks:write</c>. Another account's trunk answers exactly as a missing one.
/// </summary>
internal static class TrunksEndpoints
{
    /// <summary>Rotations draw from their own small budget: each one mints a credential.</summary>
    public const int RotateLimitPerMinute = 10;

    /// <summary>Longest allowed rotation grace period: 7 days.</summary>
    public const int MaxGracePeriodSeconds = 604_800;

    // Concurrent PATCHes of one trunk retry on a version clash; more than this many clashes in a row is a hot loop.
    private const int MaxUpdateAttempts = 5;

    public static RouteGroupBuilder MapTrunks(this RouteGroupBuilder v1)
    {
        var trunks = v1.MapGroup("/trunks").WithTags("Trunks");
        trunks.MapGet("", ListAsync)
            .RequireScope(ApiKeyScopes.TrunksRead)
            .WithName("ListTrunks")
            .WithSummary("List the account's trunks, newest first; filters status, ai_provider, from/to on created_at.")
            .Produces<TrunkList>();
        trunks.MapPost("", CreateAsync)
            .RequireScope(ApiKeyScopes.TrunksWrite)
            .WithName("CreateTrunk")
            .WithSummary("Create a trunk; the SIP password is in this response only.")
            .Accepts<TrunkRequest>("application/json")
            .Produces<DataEnvelope<CreatedTrunkResource>>(StatusCodes.Status201Created);
        trunks.MapGet("/{id}", GetAsync)
            .RequireScope(ApiKeyScopes.TrunksRead)
            .WithName("GetTrunk")
            .WithSummary("One trunk.")
            .Produces<DataEnvelope<TrunkResource>>();
        trunks.MapPatch("/{id}", UpdateAsync)
            .RequireScope(ApiKeyScopes.TrunksWrite)
            .WithName("UpdateTrunk")
            .WithSummary("Change any field but id, sip_username and the password; null clears an optional field.")
            .Accepts<TrunkRequest>("application/json")
            .Produces<DataEnvelope<TrunkResource>>();
        trunks.MapDelete("/{id}", DeleteAsync)
            .RequireScope(ApiKeyScopes.TrunksWrite)
            .WithName("DeleteTrunk")
            .WithSummary("Delete a trunk: new calls are refused at once, its SIP user name is freed, call records stay.")
            .Produces<DataEnvelope<DeletedResource>>();
        foreach (var (path, name) in (ReadOnlySpan<(string, string)>)[("/{id}/rotate-sip-password", "RotateTrunkSipPassword"), ("/{id}/rotate-password", "RotateTrunkPassword")])
        {
            trunks.MapPost(path, RotateAsync)
                .RequireScope(ApiKeyScopes.TrunksWrite)
                .WithCostlyLimit("trunks.rotate", RotateLimitPerMinute)
                .WithName(name)
                .WithSummary("Replace the SIP password with a generated one, shown once; the old one may keep working for a grace period.")
                .Accepts<RotateSipPasswordRequest>("application/json")
                .Produces<DataEnvelope<TrunkPasswordRotationResource>>();
        }

        return trunks;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IGrainFactory grains, IOptions<TrunkSipOptions> sip, TrunkMetricsSource metrics)
    {
        var (page, error) = PageRequest.Parse(context.Request.Query);
        if (error is not null)
        {
            return ApiResults.Error(error);
        }

        var (query, queryError) = TrunkListQuery.Parse(context.Request.Query);
        if (queryError is not null)
        {
            return ApiResults.Error(queryError);
        }

        var caller = ApiCaller.From(context);
        var summaries = await grains.GetGrain<IAccountGrain>(caller.AccountId).ListTrunksAsync();
        var matching = new List<TrunkSummary>(summaries.Count);
        foreach (var summary in summaries)
        {
            if (query!.Matches(summary))
            {
                matching.Add(summary);
            }
        }

        var slice = Page<TrunkSummary>.From(matching, static s => s.TrunkId, page!);
        var views = await Task.WhenAll(slice.Items.Select(s => grains.GetGrain<ITrunkGrain>(s.TrunkId).GetAsync()));
        var live = views.Where(v => v is not null && v.AccountId == caller.AccountId).Select(v => v!).ToList();
        var figures = await metrics.GetAsync(live.Select(v => v.TrunkId).ToList(), context.RequestAborted);
        var resources = new List<TrunkResource>(live.Count);
        for (var i = 0; i < live.Count; i++)
        {
            resources.Add(TrunkResources.From(live[i], sip.Value.Domain, figures[i]));
        }

        return ApiResults.Body(new TrunkList(resources, resources, new PaginationInfo(page!.Limit, page.Offset, slice.Total), slice.HasMore, slice.NextCursor));
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, IGrainFactory grains, ResourceIdGenerator ids, TimeProvider time, SecretProtector protector, TrunkWebhookSecrets webhookSecrets,
        IOptions<TrunkSipOptions> sip, TrunkMetricsSource metrics)
    {
        var (document, error) = await JsonBody.ReadAsync<JsonDocument>(context);
        if (error is not null)
        {
            return ApiResults.Error(error);
        }

        using (document)
        {
            var draft = TrunkDraft.New();
            error = TrunkBodyReader.Apply(document!.RootElement, draft, creating: true) ?? TrunkDraftValidator.Validate(draft);
            if (error is not null)
            {
                return ApiResults.Error(error);
            }

            var caller = ApiCaller.From(context);
            var trunkId = ids.New(ResourcePrefixes.Trunk);
            var sipUsername = draft.SipUsername ?? trunkId;
            var password = draft.SipPassword ?? SipPasswords.Generate();
            var credentials = SipPasswords.Hash(sipUsername, sip.Value.Domain, password);
            var command = TrunkCommands.Create(draft, trunkId, caller.AccountId, sipUsername, credentials, protector, time.GetUtcNow());
            var outcome = await grains.GetGrain<IAccountGrain>(caller.AccountId).CreateTrunkAsync(command);
            if (outcome != TrunkWriteOutcome.Done)
            {
                return ApiResults.Error(Conflict(outcome, draft.Name!, sipUsername));
            }

            var view = await grains.GetGrain<ITrunkGrain>(trunkId).GetAsync()
                ?? throw new InvalidOperationException($"Trunk {trunkId} vanished right after its creation.");
            var figures = await metrics.GetAsync([trunkId], context.RequestAborted);
            context.Response.Headers.Location = $"/v1/trunks/{trunkId}";
            var webhookSecret = view.Settings.StatusWebhookUrl is { } url ? webhookSecrets.SecretFor(trunkId, url) : null;
            return ApiResults.Data(TrunkResources.Created(view, sip.Value.Domain, figures[0], password, webhookSecret), StatusCodes.Status201Created);
        }
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, IGrainFactory grains, IOptions<TrunkSipOptions> sip, TrunkMetricsSource metrics)
    {
        var view = await FindAsync(id, context, grains);
        if (view is null)
        {
            return NotFound(id);
        }

        var figures = await metrics.GetAsync([view.TrunkId], context.RequestAborted);
        return ApiResults.Data(TrunkResources.From(view, sip.Value.Domain, figures[0]));
    }

    private static async Task<IResult> UpdateAsync(
        string id, HttpContext context, IGrainFactory grains, TimeProvider time, SecretProtector protector, TrunkWebhookSecrets webhookSecrets,
        IOptions<TrunkSipOptions> sip, TrunkMetricsSource metrics)
    {
        if (await FindAsync(id, context, grains) is null)
        {
            return NotFound(id);
        }

        var (document, error) = await JsonBody.ReadAsync<JsonDocument>(context);
        if (error is not null)
        {
            return ApiResults.Error(error);
        }

        using (document)
        {
            var account = grains.GetGrain<IAccountGrain>(ApiCaller.From(context).AccountId);
            for (var attempt = 0; attempt < MaxUpdateAttempts; attempt++)
            {
                var view = await FindAsync(id, context, grains);
                if (view is null)
                {
                    return NotFound(id);
                }

                var draft = TrunkDraft.From(view);
                error = TrunkBodyReader.Apply(document!.RootElement, draft, creating: false) ?? TrunkDraftValidator.Validate(draft);
                if (error is not null)
                {
                    return ApiResults.Error(error);
                }

                var outcome = await account.UpdateTrunkAsync(TrunkCommands.Update(draft, view, protector, time.GetUtcNow()));
                switch (outcome)
                {
                    case TrunkWriteOutcome.Done:
                        var updated = await FindAsync(id, context, grains);
                        if (updated is null)
                        {
                            return NotFound(id);
                        }

                        var figures = await metrics.GetAsync([id], context.RequestAborted);

                        // A new status webhook URL comes with its new signing secret, shown in this answer only.
                        var newUrl = updated.Settings.StatusWebhookUrl;
                        var webhookSecret = newUrl is not null && !string.Equals(newUrl, view.Settings.StatusWebhookUrl, StringComparison.Ordinal)
                            ? webhookSecrets.SecretFor(id, newUrl)
                            : null;
                        return ApiResults.Data(TrunkResources.From(updated, sip.Value.Domain, figures[0], webhookSecret));
                    case TrunkWriteOutcome.VersionMismatch:
                        continue;
                    case TrunkWriteOutcome.NotFound:
                        return NotFound(id);
                    default:
                        return ApiResults.Error(Conflict(outcome, draft.Name!, view.SipUsername));
                }
            }

            return ApiResults.Error(StatusCodes.Status409Conflict, ApiErrorCodes.Conflict, $"Trunk '{id}' is being changed by other requests; retry.");
        }
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        var caller = ApiCaller.From(context);
        var deleted = ResourceIdGenerator.IsWellFormed(id, ResourcePrefixes.Trunk)
            && await grains.GetGrain<IAccountGrain>(caller.AccountId).DeleteTrunkAsync(id, time.GetUtcNow());
        return deleted ? ApiResults.Data(new DeletedResource(id, true)) : NotFound(id);
    }

    private static async Task<IResult> RotateAsync(string id, HttpContext context, IGrainFactory grains, TimeProvider time, IOptions<TrunkSipOptions> sip)
    {
        var view = await FindAsync(id, context, grains);
        if (view is null)
        {
            return NotFound(id);
        }

        var (body, error) = await JsonBody.ReadAsync<RotateSipPasswordRequest>(context, allowEmpty: true);
        if (error is not null)
        {
            return ApiResults.Error(error);
        }

        var grace = body?.GracePeriodSeconds ?? 0;
        if (grace is < 0 or > MaxGracePeriodSeconds)
        {
            return ApiResults.Error(TrunkBodyReader.Invalid($"grace_period_seconds must be between 0 and {MaxGracePeriodSeconds}"));
        }

        var password = SipPasswords.Generate();
        var now = time.GetUtcNow();
        var expiresAt = now.AddSeconds(grace);
        var rotation = new SipPasswordRotation(SipPasswords.Hash(view.SipUsername, sip.Value.Domain, password), now, grace > 0 ? expiresAt : null);
        if (!await grains.GetGrain<ITrunkGrain>(id).RotatePasswordAsync(rotation))
        {
            return NotFound(id);
        }

        return ApiResults.Data(new TrunkPasswordRotationResource(id, view.SipUsername, password, now, expiresAt));
    }

    /// <summary>The caller's live trunk <paramref name="id"/>, or null (also for another account's trunk).</summary>
    private static async Task<TrunkView?> FindAsync(string id, HttpContext context, IGrainFactory grains)
    {
        if (!ResourceIdGenerator.IsWellFormed(id, ResourcePrefixes.Trunk))
        {
            return null;
        }

        var view = await grains.GetGrain<ITrunkGrain>(id).GetAsync();
        return view is not null && view.AccountId == ApiCaller.From(context).AccountId ? view : null;
    }

    private static IResult NotFound(string id) =>
        ApiResults.Error(StatusCodes.Status404NotFound, ApiErrorCodes.TrunkNotFound, $"No trunk with id '{id}'.");

    private static ApiError Conflict(TrunkWriteOutcome outcome, string name, string sipUsername) => outcome switch
    {
        TrunkWriteOutcome.NameTaken => new ApiError(ApiErrorCodes.Conflict, $"name '{name}' is already used by another trunk in this account", StatusCodes.Status409Conflict),
        TrunkWriteOutcome.SipUsernameTaken => new ApiError(ApiErrorCodes.Conflict, $"sip_username '{sipUsername}' is already taken", StatusCodes.Status409Conflict),
        _ => new ApiError(ApiErrorCodes.Conflict, "The trunk could not be saved because of a conflicting change; retry.", StatusCodes.Status409Conflict),
    };
}
