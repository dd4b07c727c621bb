namespace Telepath.Silo.Tests.Storage;

/// <summary>A test grain with persistent state and reminders, used to exercise the storage wiring.</summary>
[Alias("telepath.tests.IProbeGrain")]
public interface IProbeGrain : IGrainWithStringKey
{
    /// <summary>Stores <paramref name="value"/> in the grain's persistent state.</summary>
    [Alias("SetValue")]
    Task SetValueAsync(string value);

    /// <summary>Returns the stored value (null when never set).</summary>
    [Alias("GetValue")]
    Task<string?> GetValueAsync();

    /// <summary>Returns the address of the silo hosting this activation.</summary>
    [Alias("GetSilo")]
    Task<string> GetSiloAsync();

    /// <summary>Registers (or updates) a durable reminder.</summary>
    [Alias("RegisterReminder")]
    Task RegisterReminderAsync(string name);

    /// <summary>Returns the names of this grain's registered reminders.</summary>
    [Alias("GetReminderNames")]
    Task<List<string>> GetReminderNamesAsync();
}
