using Telepath.Silo.Cli;
using Telepath.TestKit;

namespace Telepath.Silo.Tests.Hosting;

/// <summary>The admin command surface of the silo program.</summary>
public sealed class AdminCliTests
{
    [Theory]
    [InlineData(new[] { "db", "migrate" }, true)]
    [InlineData(new[] { "--Telepath:Storage=sqlite" }, false)]
    [InlineData(new string[0], false)]
    public void Words_before_switches_are_a_command_and_switches_alone_start_the_silo(string[] args, bool isCommand)
    {
        Assert.Equal(isCommand, AdminCli.IsCommand(args));
    }

    [Fact]
    public async Task Unknown_command_exits_with_usage_code_and_prints_usage()
    {
        using var data = new TempDirectory("telepath-cli");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AdminCli.RunAsync(["frobnicate", "--Telepath:DataDirectory=" + data.Path], output, error, CancellationToken.None);
        Assert.Equal(AdminCli.Usage, code);
        Assert.Contains("unknown command 'frobnicate'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("db migrate", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_configuration_exits_with_usage_code_and_names_the_setting()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AdminCli.RunAsync(["db", "migrate", "--Telepath:Storage=postgres"], output, error, CancellationToken.None);
        Assert.Equal(AdminCli.Usage, code);
        Assert.Contains("Telepath:ConnectionString is required", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Db_migrate_on_the_embedded_database_succeeds_and_is_repeatable()
    {
        using var data = new TempDirectory("telepath-cli");
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args = ["db", "migrate", "--Telepath:DataDirectory=" + data.Path];
        Assert.Equal(AdminCli.Ok, await AdminCli.RunAsync(args, output, error, CancellationToken.None));
        Assert.Equal(AdminCli.Ok, await AdminCli.RunAsync(args, output, error, CancellationToken.None));
        Assert.Contains("up to date", output.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data.Path, "telepath.db")));
    }
}
