using Telepath.Grains.Abstractions.Trunks;

namespace Telepath.Grains.Accounts;

/// <summary>The trunk index: name uniqueness and the summaries lists are filtered and paged by.</summary>
internal sealed partial class AccountGrain
{
    public async Task<TrunkWriteOutcome> CreateTrunkAsync(TrunkCreateCommand command)
    {
        if (!_state.RecordExists)
        {
            throw new InvalidOperationException($"Account {this.GetPrimaryKeyString()} does not exist.");
        }

        if (FindTrunkByName(command.Settings.Name, exceptTrunkId: null) is not null)
        {
            return TrunkWriteOutcome.NameTaken;
        }

        // Index first, as for API keys: a trunk missing from its account's index could never be listed or deleted.
        var settings = command.Settings;
        var entry = new AccountTrunkEntry
        {
            TrunkId = command.TrunkId,
            Name = settings.Name,
            Status = settings.Status,
            Provider = settings.Provider,
            CreatedAt = command.CreatedAt,
        };
        _state.State.Trunks.Add(entry);
        await _state.WriteStateAsync();
        var outcome = await GrainFactory.GetGrain<ITrunkGrain>(command.TrunkId).CreateAsync(command);
        if (outcome != TrunkWriteOutcome.Done)
        {
            _state.State.Trunks.Remove(entry);
            await _state.WriteStateAsync();
        }

        return outcome;
    }

    public async Task<TrunkWriteOutcome> UpdateTrunkAsync(TrunkUpdateCommand command)
    {
        var entry = _state.State.Trunks.Find(e => e.TrunkId == command.TrunkId);
        if (entry is null)
        {
            return TrunkWriteOutcome.NotFound;
        }

        var settings = command.Settings;
        if (FindTrunkByName(settings.Name, command.TrunkId) is not null)
        {
            return TrunkWriteOutcome.NameTaken;
        }

        var outcome = await GrainFactory.GetGrain<ITrunkGrain>(command.TrunkId).UpdateAsync(command);
        if (outcome == TrunkWriteOutcome.Done && (entry.Name != settings.Name || entry.Status != settings.Status || entry.Provider != settings.Provider))
        {
            entry.Name = settings.Name;
            entry.Status = settings.Status;
            entry.Provider = settings.Provider;
            await _state.WriteStateAsync();
        }

        return outcome;
    }

    public async Task<bool> DeleteTrunkAsync(string trunkId, DateTimeOffset deletedAt)
    {
        var entry = _state.State.Trunks.Find(e => e.TrunkId == trunkId);
        if (entry is null)
        {
            return false;
        }

        await GrainFactory.GetGrain<ITrunkGrain>(trunkId).DeleteAsync(deletedAt);
        _state.State.Trunks.Remove(entry);
        await _state.WriteStateAsync();
        return true;
    }

    public async Task SetTrunkErrorAsync(string trunkId, bool error)
    {
        var entry = _state.State.Trunks.Find(e => e.TrunkId == trunkId);
        var status = (entry?.Status, error) switch
        {
            (TrunkStatus.Active, true) => TrunkStatus.Error,
            (TrunkStatus.Error, false) => TrunkStatus.Active,
            _ => entry?.Status,
        };
        if (entry is not null && status is { } changed && changed != entry.Status)
        {
            entry.Status = changed;
            await _state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<TrunkSummary>> ListTrunksAsync()
    {
        var trunks = _state.State.Trunks;
        var summaries = new List<TrunkSummary>(trunks.Count);
        foreach (var entry in trunks)
        {
            summaries.Add(entry.ToSummary());
        }

        summaries.Sort(static (a, b) => string.CompareOrdinal(b.TrunkId, a.TrunkId));
        return Task.FromResult<IReadOnlyList<TrunkSummary>>(summaries);
    }

    private AccountTrunkEntry? FindTrunkByName(string name, string? exceptTrunkId)
    {
        foreach (var entry in _state.State.Trunks)
        {
            if (entry.TrunkId != exceptTrunkId && string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }
        }

        return null;
    }
}
