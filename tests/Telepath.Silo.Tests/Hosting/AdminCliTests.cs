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

    [Fact]
    public async Task Keys_create_prints_the_secret_once_and_list_and_revoke_work_without_a_running_silo()
    {
        using var data = new TempDirectory("telepath-cli-keys");
        var gateway = "--Telepath:GatewayPort=" + Telepath.TestKit.Network.FreePort.Tcp();
        using var createOutput = new StringWriter();
        using var error = new StringWriter();
        var created = await AdminCli.RunAsync(["keys", "create", "--name", "admin", "--scopes", "keys:admin,trunks:read", "--Telepath:DataDirectory=" + data.Path, gateway], createOutput, error, CancellationToken.None);
        Assert.Equal(AdminCli.Ok, created);
        var lines = createOutput.ToString().Split('\n', StringSplitOptions.TrimEntries);
        var accountId = lines.Single(l => l.StartsWith("account:", StringComparison.Ordinal))["account:".Length..].Trim();
        var keyId = lines.Single(l => l.StartsWith("key:", StringComparison.Ordinal))["key:".Length..].Trim().Split(' ')[0];
        var secret = lines.Single(l => l.StartsWith("secret:", StringComparison.Ordinal))["secret:".Length..].Trim();
        Assert.True(Grains.Abstractions.Accounts.ApiKeySecrets.IsWellFormed(secret));

        using var listOutput = new StringWriter();
        Assert.Equal(AdminCli.Ok, await AdminCli.RunAsync(["keys", "list", "--account", accountId, "--Telepath:DataDirectory=" + data.Path, gateway], listOutput, error, CancellationToken.None));
        Assert.Contains(keyId, listOutput.ToString(), StringComparison.Ordinal);
        Assert.Contains("scopes=trunks:read,keys:admin", listOutput.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listOutput.ToString(), StringComparison.Ordinal);

        using var revokeOutput = new StringWriter();
        Assert.Equal(AdminCli.Ok, await AdminCli.RunAsync(["keys", "revoke", keyId, "--account", accountId, "--Telepath:DataDirectory=" + data.Path, gateway], revokeOutput, error, CancellationToken.None));
        using var afterOutput = new StringWriter();
        Assert.Equal(AdminCli.Ok, await AdminCli.RunAsync(["keys", "list", "--account", accountId, "--Telepath:DataDirectory=" + data.Path, gateway], afterOutput, error, CancellationToken.None));
        Assert.Contains("0 live key(s)", afterOutput.ToString(), StringComparison.Ordinal);
        Assert.Equal(AdminCli.Failed, await AdminCli.RunAsync(["keys", "revoke", keyId, "--account", accountId, "--Telepath:DataDirectory=" + data.Path, gateway], revokeOutput, error, CancellationToken.None));
    }

    [Fact]
    public async Task Keys_create_through_a_running_silo_is_usable_on_the_api_at_once()
    {
        using var data = new TempDirectory("telepath-cli-live");
        var gatewayPort = Telepath.TestKit.Network.FreePort.Tcp();
        await using var silo = await Support.SiloProcess.StartAsync(data.Path, "--Telepath:GatewayPort=" + gatewayPort);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(AdminCli.Ok, await AdminCli.RunAsync(["keys", "create", "--name", "ops", "--Telepath:DataDirectory=" + data.Path, "--Telepath:GatewayPort=" + gatewayPort], output, error, CancellationToken.None));
        Assert.Contains("running silo", error.ToString(), StringComparison.Ordinal);
        var secret = output.ToString().Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith("secret:", StringComparison.Ordinal))["secret:".Length..].Trim();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/api-keys");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        using var response = await silo.Https.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(new[] { "keys", "create" }, "--name")]
    [InlineData(new[] { "keys", "create", "--name", "x", "--scopes", "root" }, "--scopes")]
    [InlineData(new[] { "keys", "create", "--name", "x", "--rate-limit", "0" }, "--rate-limit")]
    [InlineData(new[] { "keys", "list" }, "--account")]
    public async Task Keys_commands_with_bad_options_exit_with_usage_code_naming_the_option(string[] args, string expected)
    {
        using var data = new TempDirectory("telepath-cli-bad");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AdminCli.RunAsync([.. args, "--Telepath:DataDirectory=" + data.Path], output, error, CancellationToken.None);
        Assert.Equal(AdminCli.Usage, code);
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }
}
