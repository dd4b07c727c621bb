using Telepath.Grains.Abstractions.Accounts;
using Telepath.Grains.Hosting;

namespace Telepath.Grains.Accounts;

/// <summary>
/// One API key. Its single activation is the whole cluster's authority on the key, so authentication, scope and the
/// rate-limit count happen in one call with no cache that could let a revoked key through.
/// </summary>
internal sealed class ApiKeyGrain : Grain, IApiKeyGrain
{
    // last_used_at is a minute-resolution figure: persisting it on every request would turn reads into writes.
    private static readonly TimeSpan s_lastUsedResolution = TimeSpan.FromMinutes(1);

    private readonly IPersistentState<ApiKeyState> _state;
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<string, FixedWindowCounter> _costly = new(StringComparer.Ordinal);
    private FixedWindowCounter _requests;

    public ApiKeyGrain([PersistentState("apikey", StorageNames.Default)] IPersistentState<ApiKeyState> state, TimeProvider timeProvider)
    {
        _state = state;
        _timeProvider = timeProvider;
    }

    public async Task<bool> CreateAsync(ApiKeyCreateCommand command)
    {
        if (_state.RecordExists)
        {
            return false;
        }

        _state.State = new ApiKeyState
        {
            AccountId = command.AccountId,
            KeyId = command.KeyId,
            Name = command.Name,
            Scopes = [.. command.Scopes],
            RateLimitPerMinute = command.RateLimitPerMinute,
            SecretHint = command.SecretHint,
            CreatedAt = command.CreatedAt,
        };
        await _state.WriteStateAsync();
        return true;
    }

    public async Task<ApiKeyAuthorization> AuthorizeAsync(ApiRequestCost cost)
    {
        var now = _timeProvider.GetUtcNow();
        var resetAt = FixedWindowCounter.WindowEnd(now);
        if (!_state.RecordExists)
        {
            // Guessed secrets must not pile up activations.
            DeactivateOnIdle();
            return new ApiKeyAuthorization(ApiKeyOutcome.Unknown, null, null, 0, 0, resetAt, 0);
        }

        var key = _state.State;
        if (key.RevokedAt is not null)
        {
            return new ApiKeyAuthorization(ApiKeyOutcome.Revoked, key.AccountId, key.KeyId, 0, 0, resetAt, 0);
        }

        var limit = key.RateLimitPerMinute;
        var remaining = _requests.Remaining(now, limit);
        var retryAfter = (int)Math.Max(1, resetAt - now.ToUnixTimeSeconds());
        if (remaining == 0)
        {
            return new ApiKeyAuthorization(ApiKeyOutcome.RateLimited, key.AccountId, key.KeyId, limit, 0, resetAt, retryAfter);
        }

        FixedWindowCounter bucket = default;
        if (cost.CostlyBucket is { } bucketName)
        {
            _costly.TryGetValue(bucketName, out bucket);
            var bucketRemaining = bucket.Remaining(now, cost.CostlyLimitPerMinute);
            if (bucketRemaining == 0)
            {
                return new ApiKeyAuthorization(ApiKeyOutcome.RateLimited, key.AccountId, key.KeyId, cost.CostlyLimitPerMinute, 0, resetAt, retryAfter);
            }

            bucket.Take(now);
            _costly[bucketName] = bucket;
            if (bucketRemaining - 1 < remaining - 1)
            {
                // Report whichever budget runs out first.
                limit = cost.CostlyLimitPerMinute;
                remaining = bucketRemaining;
            }
        }

        _requests.Take(now);
        remaining--;

        if (key.LastUsedAt is not { } lastUsed || now - lastUsed >= s_lastUsedResolution)
        {
            key.LastUsedAt = now;
            await _state.WriteStateAsync();
        }

        var outcome = cost.RequiredScope is null || key.Scopes.Contains(cost.RequiredScope)
            ? ApiKeyOutcome.Allowed
            : ApiKeyOutcome.InsufficientScope;
        return new ApiKeyAuthorization(outcome, key.AccountId, key.KeyId, limit, remaining, resetAt, 0);
    }

    public Task<ApiKeyView?> GetAsync() => Task.FromResult(_state.RecordExists ? ToView(_state.State) : null);

    public async Task<bool> RevokeAsync(DateTimeOffset revokedAt)
    {
        if (!_state.RecordExists || _state.State.RevokedAt is not null)
        {
            return false;
        }

        _state.State.RevokedAt = revokedAt;
        await _state.WriteStateAsync();
        return true;
    }

    private static ApiKeyView ToView(ApiKeyState key) => new(
        key.AccountId, key.KeyId, key.Name, key.Scopes.ToArray(), key.RateLimitPerMinute, key.SecretHint, key.CreatedAt, key.LastUsedAt, key.RevokedAt);
}
