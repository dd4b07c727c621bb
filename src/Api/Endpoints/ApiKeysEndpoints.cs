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

namespace Telepath.Api.Endpoints;

/// <summary><c>/v1/api-keys</c>: create (secret shown once), list, revoke (spec §2). Scope <c>keys:admin</c>.</summary>
internal static class ApiKeysEndpoints
{
    /// <summary>Default budget of a key (spec §3).</summary>
    public const int DefaultRateLimitPerMinute = 6000;

    /// <summary>Largest budget one key may be given.</summary>
    public const int MaxRateLimitPerMinute = 100_000;

    /// <summary>Key creation draws from its own, small budget: keys are credentials, minting them should be rare.</summary>
    public const int CreateLimitPerMinute = 20;

    public static RouteGroupBuilder MapApiKeys(this RouteGroupBuilder v1)
    {
        var keys = v1.MapGroup("/api-keys").WithTags("API keys").RequireScope(ApiKeyScopes.KeysAdmin);
        keys.MapPost("", CreateAsync)
            .WithName("CreateApiKey")
            .WithSummary("Create an API key; the secret is in this response only.")
            .WithCostlyLimit("keys.create", CreateLimitPerMinute)
            .Accepts<CreateApiKeyRequest>("application/json")
            .Produces<DataEnvelope<CreatedApiKeyResource>>(StatusCodes.Status201Created);
        keys.MapGet("", ListAsync)
            .WithName("ListApiKeys")
            .WithSummary("List the account's live API keys, newest first (never their secrets).")
            .Produces<ApiKeyList>();
        keys.MapDelete("/{id}", RevokeAsync)
            .WithName("RevokeApiKey")
            .WithSummary("Revoke an API key; the next request made with it, on any silo, is refused.")
            .Produces<DataEnvelope<DeletedResource>>();
        return keys;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IGrainFactory grains, ResourceIdGenerator ids, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync<CreateApiKeyRequest>(context);
        if (error is not null)
        {
            return ApiResults.Error(error);
        }

        var validation = Validate(body!);
        if (validation is not null)
        {
            return ApiResults.Error(validation);
        }

        var caller = ApiCaller.From(context);
        var secret = ApiKeySecrets.Generate();
        var command = new ApiKeyCreateCommand(
            caller.AccountId,
            ids.New(ResourcePrefixes.ApiKey),
            body!.Name!.Trim(),
            Normalize(body.Scopes),
            body.RateLimitPerMinute ?? DefaultRateLimitPerMinute,
            ApiKeySecrets.Hint(secret),
            time.GetUtcNow());
        var view = await grains.GetGrain<IAccountGrain>(caller.AccountId).AddApiKeyAsync(command, ApiKeySecrets.GrainKey(secret));
        context.Response.Headers.Location = $"/v1/api-keys/{view.KeyId}";
        var created = new CreatedApiKeyResource(view.KeyId, view.Name, view.Scopes, view.RateLimitPerMinute, view.SecretHint, view.CreatedAt, view.LastUsedAt, secret);
        return ApiResults.Data(created, StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IGrainFactory grains)
    {
        var (page, error) = PageRequest.Parse(context.Request.Query);
        if (error is not null)
        {
            return ApiResults.Error(error);
        }

        var caller = ApiCaller.From(context);
        var keys = await grains.GetGrain<IAccountGrain>(caller.AccountId).ListApiKeysAsync();
        var resources = keys.Select(ToResource).ToList();
        var slice = Page<ApiKeyResource>.From(resources, static k => k.Id, page!);
        return ApiResults.Body(new ApiKeyList(slice.Items, slice.Items, new PaginationInfo(page!.Limit, page.Offset, slice.Total), slice.HasMore, slice.NextCursor));
    }

    private static async Task<IResult> RevokeAsync(string id, HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        var caller = ApiCaller.From(context);
        var revoked = ResourceIdGenerator.IsWellFormed(id, ResourcePrefixes.ApiKey)
            && await grains.GetGrain<IAccountGrain>(caller.AccountId).RevokeApiKeyAsync(id, time.GetUtcNow());
        return revoked
            ? ApiResults.Data(new DeletedResource(id, true))
            : ApiResults.Error(StatusCodes.Status404NotFound, ApiErrorCodes.ApiKeyNotFound, $"No API key with id '{id}'.");
    }

    private static ApiError? Validate(CreateApiKeyRequest body)
    {
        if (body.Name is null)
        {
            return new ApiError(ApiErrorCodes.MissingRequired, "name is required", StatusCodes.Status400BadRequest);
        }

        var name = body.Name.Trim();
        if (name.Length is < 1 or > 100)
        {
            return Invalid("name must be between 1 and 100 characters");
        }

        if (body.Scopes is { } scopes)
        {
            if (scopes.Count == 0)
            {
                return Invalid("scopes must not be empty; leave it out to grant every scope");
            }

            foreach (var scope in scopes)
            {
                if (scope is null || !ApiKeyScopes.IsKnown(scope))
                {
                    return Invalid($"scopes contains '{scope}', which is not one of: {string.Join(", ", ApiKeyScopes.All)}");
                }
            }
        }

        if (body.RateLimitPerMinute is { } limit && limit is < 1 or > MaxRateLimitPerMinute)
        {
            return Invalid($"rate_limit_per_minute must be between 1 and {MaxRateLimitPerMinute}");
        }

        return null;
    }

    private static IReadOnlyList<string> Normalize(List<string>? scopes)
    {
        if (scopes is null)
        {
            return ApiKeyScopes.All;
        }

        // Canonical order and no duplicates, whatever order the client sent.
        return ApiKeyScopes.All.Where(scopes.Contains).ToArray();
    }

    private static ApiKeyResource ToResource(ApiKeyView view) =>
        new(view.KeyId, view.Name, view.Scopes, view.RateLimitPerMinute, view.SecretHint, view.CreatedAt, view.LastUsedAt);

    private static ApiError Invalid(string message) => new(ApiErrorCodes.InvalidParameters, message, StatusCodes.Status400BadRequest);
}
