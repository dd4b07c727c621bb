using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Silo.Storage;

namespace Telepath.Silo.Cli;

/// <summary><c>db migrate</c> and <c>db status</c>.</summary>
internal static class DbCommands
{
    public static async Task<int> MigrateAsync(CliContext context, CancellationToken cancellationToken)
    {
        var migrator = CreateMigrator(context);
        var applied = await migrator.MigrateAsync(cancellationToken);
        foreach (var script in applied)
        {
            await context.Output.WriteLineAsync($"applied {script.Version:D4} {script.Name}");
        }

        await context.Output.WriteLineAsync($"{context.Database.Mode} schema is up to date ({applied.Count} script(s) applied now).");
        return AdminCli.Ok;
    }

    public static async Task<int> StatusAsync(CliContext context, CancellationToken cancellationToken)
    {
        var status = await CreateMigrator(context).GetStatusAsync(cancellationToken);
        await context.Output.WriteLineAsync($"storage: {context.Database.Mode}");
        await context.Output.WriteLineAsync($"schema version: {status.CurrentVersion}");
        foreach (var script in status.Pending)
        {
            await context.Output.WriteLineAsync($"pending {script.Version:D4} {script.Name}");
        }

        await context.Output.WriteLineAsync(status.IsUpToDate ? "up to date" : $"{status.Pending.Count} script(s) pending; run 'db migrate'");
        return AdminCli.Ok;
    }

    private static SchemaMigrator CreateMigrator(CliContext context) =>
        new(context.Database.Mode, context.Database.ConnectionString, TimeProvider.System, NullLogger<SchemaMigrator>.Instance);
}
