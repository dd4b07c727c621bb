using Telepath.Grains.Abstractions.Accounts;
using Telepath.Grains.Hosting;

namespace Telepath.Grains.Accounts;

/// <summary>One account and the indexes of what it owns.</summary>
internal sealed partial class AccountGrain : Grain, IAccountGrain
{
    private readonly IPersistentState<AccountState> _state;

    public AccountGrain([PersistentState("account", StorageNames.Default)] IPersistentState<AccountState> state)
    {
        _state = state;
    }

    public async Task<string> EnsureCreatedAsync(string name, DateTimeOffset createdAt)
    {
        if (!_state.RecordExists)
        {
            _state.State = new AccountState { Name = name, CreatedAt = createdAt };
            await _state.WriteStateAsync();
        }

        return _state.State.Name;
    }

    public Task<bool> ExistsAsync() => Task.FromResult(_state.RecordExists);

    public async Task<ApiKeyView> AddApiKeyAsync(ApiKeyCreateCommand command, string secretHash)
    {
        if (!_state.RecordExists)
        {
            throw new InvalidOperationException($"Account {this.GetPrimaryKeyString()} does not exist.");
        }

        // Index first: a key that exists but is missing from its account's index could never be listed or revoked.
        _state.State.ApiKeys.Add(new AccountApiKeyEntry { KeyId = command.KeyId, GrainKey = secretHash, CreatedAt = command.CreatedAt });
        await _state.WriteStateAsync();
        var key = GrainFactory.GetGrain<IApiKeyGrain>(secretHash);
        if (!await key.CreateAsync(command))
        {
            _state.State.ApiKeys.RemoveAll(entry => entry.KeyId == command.KeyId);
            await _state.WriteStateAsync();
            throw new InvalidOperationException("An API key with the same secret already exists.");
        }

        return (await key.GetAsync())!;
    }

    public async Task<IReadOnlyList<ApiKeyView>> ListApiKeysAsync()
    {
        var lookups = new List<Task<ApiKeyView?>>(_state.State.ApiKeys.Count);
        foreach (var entry in _state.State.ApiKeys)
        {
            lookups.Add(GrainFactory.GetGrain<IApiKeyGrain>(entry.GrainKey).GetAsync());
        }

        var views = await Task.WhenAll(lookups);
        var live = new List<ApiKeyView>(views.Length);
        foreach (var view in views)
        {
            // An entry whose key creation failed half-way has no key behind it and is not shown.
            if (view is { RevokedAt: null })
            {
                live.Add(view);
            }
        }

        live.Sort(static (a, b) => string.CompareOrdinal(b.KeyId, a.KeyId));
        return live;
    }

    public async Task<bool> RevokeApiKeyAsync(string keyId, DateTimeOffset revokedAt)
    {
        var entry = _state.State.ApiKeys.Find(e => e.KeyId == keyId);
        if (entry is null)
        {
            return false;
        }

        var revoked = await GrainFactory.GetGrain<IApiKeyGrain>(entry.GrainKey).RevokeAsync(revokedAt);
        // The key grain keeps refusing the secret; the index only lists live keys.
        _state.State.ApiKeys.Remove(entry);
        await _state.WriteStateAsync();
        return revoked;
    }
}
