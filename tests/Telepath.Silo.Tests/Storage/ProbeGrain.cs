using Orleans.Placement;
using Orleans.Runtime;
using Telepath.Grains.Hosting;

namespace Telepath.Silo.Tests.Storage;

/// <summary>
/// Implements <see cref="IProbeGrain"/>. Placed on the calling silo so a test decides which silo
/// hosts the first activation.
/// </summary>
[PreferLocalPlacement]
internal sealed class ProbeGrain : Grain, IProbeGrain, IRemindable
{
    private readonly IPersistentState<ProbeState> _state;
    private readonly ILocalSiloDetails _silo;

    public ProbeGrain([PersistentState("probe", StorageNames.Default)] IPersistentState<ProbeState> state, ILocalSiloDetails silo)
    {
        _state = state;
        _silo = silo;
    }

    public async Task SetValueAsync(string value)
    {
        _state.State.Value = value;
        _state.State.Counter++;
        await _state.WriteStateAsync();
    }

    public Task<string?> GetValueAsync() => Task.FromResult(_state.State.Value);

    public Task<string> GetSiloAsync() => Task.FromResult(_silo.SiloAddress.ToString());

    public async Task RegisterReminderAsync(string name)
        => await this.RegisterOrUpdateReminder(name, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    public async Task<List<string>> GetReminderNamesAsync()
    {
        var reminders = await this.GetReminders();
        var names = new List<string>(reminders.Count);
        foreach (var reminder in reminders)
        {
            names.Add(reminder.ReminderName);
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
