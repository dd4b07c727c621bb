namespace Telepath.Silo.Cli;

/// <summary>The silo's configuration sources, in the silo's order, for commands that run without a host.</summary>
internal static class CliConfiguration
{
    public static IConfiguration Build(string[] switches) => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(switches)
        .Build();
}
