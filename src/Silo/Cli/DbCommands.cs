using Telepath.Silo.Storage;

namespace Telepath.Silo.Cli;

/// <summary><c>db migrate</c> and <c>db status</c>.</summary>
internal static class DbCommands
{
    public static async Task<int> MigrateAsync(CliContext context, CancellationToken cancellationToken)
    {
        await SchemaMigrator.MigrateAsync(context.Database, cancellationToken);
        await context.Output.WriteLineAsync($"{context.Database.Mode} schema is up to date.");
        return AdminCli.Ok;
    }

    public static async Task<int> StatusAsync(CliContext context, CancellationToken cancellationToken)
    {
        await context.Output.WriteLineAsync($"storage: {context.Database.Mode}");
        return AdminCli.Ok;
    }
}
