using Microsoft.Extensions.Options;
using Telepath.Silo.Configuration;
using Telepath.Silo.Hosting;

namespace Telepath.Silo.Cli;

/// <summary>
/// The admin commands of the silo program: <c>dotnet run --project src/Silo -- db migrate</c>. Words before the first
/// switch name the command; the switches are the same configuration switches the silo takes, so a command sees the
/// database exactly as the silo would.
/// </summary>
public static class AdminCli
{
    /// <summary>Exit code for success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code for a failed command.</summary>
    public const int Failed = 1;

    /// <summary>Exit code for a wrong invocation or configuration.</summary>
    public const int Usage = 2;

    /// <summary>True when <paramref name="args"/> start with a command word rather than a configuration switch.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    /// <summary>Runs the command in <paramref name="args"/>; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parsed = CliArguments.Parse(args);
        var command = parsed.Command;
        if (command is "help" or "")
        {
            await WriteUsageAsync(output);
            return Ok;
        }

        TelepathSettings settings;
        try
        {
            settings = TelepathSettings.Read(CliConfiguration.Build(parsed.ConfigurationSwitches));
        }
        catch (OptionsValidationException exception)
        {
            foreach (var failure in exception.Failures)
            {
                await error.WriteLineAsync("configuration error: " + failure);
            }

            return Usage;
        }

        await using var database = TelepathDatabaseFactory.Create(settings.Telepath);
        var context = new CliContext(settings, database, parsed, output, error);
        switch (command)
        {
            case "db migrate":
                return await DbCommands.MigrateAsync(context, cancellationToken);
            case "db status":
                return await DbCommands.StatusAsync(context, cancellationToken);
            case "keys create":
                return await KeyCommands.CreateAsync(context, cancellationToken);
            case "keys list":
                return await KeyCommands.ListAsync(context, cancellationToken);
            case "keys revoke":
                return await KeyCommands.RevokeAsync(context, cancellationToken);
            default:
                await error.WriteLineAsync($"unknown command '{command}'");
                await WriteUsageAsync(error);
                return Usage;
        }
    }

    private static Task WriteUsageAsync(TextWriter writer) => writer.WriteLineAsync("""
        usage: telepath <command> [options] [--Telepath:Key=value ...]

        commands:
          db migrate     apply pending schema migrations to the configured database
          db status      show the schema version and pending migrations
          keys create --name NAME [--account ACCOUNT_ID | --account-name NAME] [--scopes a,b] [--rate-limit N]
                         create an API key (and, without --account, a new account); prints the secret once
          keys list --account ACCOUNT_ID
                         list an account's live keys (never their secrets)
          keys revoke KEY_ID --account ACCOUNT_ID
                         revoke a key at once, on every silo
          help           show this text

        Configuration switches are the silo's own, e.g.
          --Telepath:Storage=postgres --Telepath:ConnectionString="Host=...;Database=telepath;Username=..."
        """);
}
