using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Telepath.Silo.Tests.Storage;

/// <summary>
/// Embedded mode must not be a toy (design.md §1): grain state and reminders written before a full
/// host restart are there after it, on the same SQLite file.
/// </summary>
public sealed class SqliteRestartTests
{
    [Fact]
    public async Task Grain_state_survives_a_full_host_restart()
    {
        using var directory = new TemporaryDirectory();
        using (var first = await TestSiloHost.StartSqliteAsync(directory.Path))
        {
            var grain = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>("restart-state");
            await grain.SetValueAsync("kept");
            await first.StopAsync();
        }

        using var second = await TestSiloHost.StartSqliteAsync(directory.Path);
        var again = second.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>("restart-state");
        Assert.Equal("kept", await again.GetValueAsync());
        await second.StopAsync();
    }

    [Fact]
    public async Task Reminders_survive_a_full_host_restart()
    {
        using var directory = new TemporaryDirectory();
        using (var first = await TestSiloHost.StartSqliteAsync(directory.Path))
        {
            var grain = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>("restart-reminder");
            await grain.RegisterReminderAsync("nightly");
            await grain.RegisterReminderAsync("hourly");
            Assert.Equal(["hourly", "nightly"], await grain.GetReminderNamesAsync());
            await first.StopAsync();
        }

        using var second = await TestSiloHost.StartSqliteAsync(directory.Path);
        var again = second.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>("restart-reminder");
        Assert.Equal(["hourly", "nightly"], await again.GetReminderNamesAsync());
        await second.StopAsync();
    }
}
