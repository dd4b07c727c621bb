using System.Globalization;
using Telepath.Grains.Abstractions.Accounts;
using Telepath.Grains.Abstractions.Identifiers;

namespace Telepath.Silo.Cli;

/// <summary>
/// <c>keys create</c>, <c>keys list</c>, <c>keys revoke</c>: the bootstrap of a fresh install (spec §2) and a way
/// back in when every key is lost. A secret is printed once, at creation; nothing can print it again.
/// </summary>
internal static class KeyCommands
{
    public static async Task<int> CreateAsync(CliContext context, CancellationToken cancellationToken)
    {
        var options = context.Arguments.Options;
        if (!options.TryGetValue("name", out var name) || string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            await context.Error.WriteLineAsync("keys create needs --name (1-100 characters).");
            return AdminCli.Usage;
        }

        var scopes = ApiKeyScopes.All;
        if (options.TryGetValue("scopes", out var scopeText))
        {
            var requested = scopeText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = requested.Where(s => !ApiKeyScopes.IsKnown(s)).ToArray();
            if (requested.Length == 0 || unknown.Length > 0)
            {
                await context.Error.WriteLineAsync($"--scopes must be a comma-separated subset of: {string.Join(", ", ApiKeyScopes.All)}");
                return AdminCli.Usage;
            }

            scopes = ApiKeyScopes.All.Where(requested.Contains).ToArray();
        }

        var limit = 6000;
        if (options.TryGetValue("rate-limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 100_000))
        {
            await context.Error.WriteLineAsync("--rate-limit must be a whole number between 1 and 100000.");
            return AdminCli.Usage;
        }

        var time = TimeProvider.System;
        var ids = new ResourceIdGenerator(time);
        await using var cluster = await CliCluster.ConnectAsync(context.Settings, context.Database, cancellationToken);
        await context.Error.WriteLineAsync("(" + cluster.Description + ")");
        string accountId;
        if (options.TryGetValue("account", out var existing))
        {
            if (!ResourceIdGenerator.IsWellFormed(existing, ResourcePrefixes.Account) || !await cluster.Grains.GetGrain<IAccountGrain>(existing).ExistsAsync())
            {
                await context.Error.WriteLineAsync($"No account with id '{existing}'.");
                return AdminCli.Failed;
            }

            accountId = existing;
        }
        else
        {
            accountId = ids.New(ResourcePrefixes.Account);
            var accountName = options.TryGetValue("account-name", out var given) && !string.IsNullOrWhiteSpace(given) ? given.Trim() : "default";
            await cluster.Grains.GetGrain<IAccountGrain>(accountId).EnsureCreatedAsync(accountName, time.GetUtcNow());
        }

        var secret = ApiKeySecrets.Generate();
        var command = new ApiKeyCreateCommand(accountId, ids.New(ResourcePrefixes.ApiKey), name.Trim(), scopes, limit, ApiKeySecrets.Hint(secret), time.GetUtcNow());
        var view = await cluster.Grains.GetGrain<IAccountGrain>(accountId).AddApiKeyAsync(command, ApiKeySecrets.GrainKey(secret));
        await context.Output.WriteLineAsync($"account: {accountId}");
        await context.Output.WriteLineAsync($"key:     {view.KeyId} ({view.Name}; scopes {string.Join(",", view.Scopes)}; {view.RateLimitPerMinute}/min)");
        await context.Output.WriteLineAsync($"secret:  {secret}");
        await context.Output.WriteLineAsync("Store the secret now: it is not kept and cannot be shown again.");
        return AdminCli.Ok;
    }

    public static async Task<int> ListAsync(CliContext context, CancellationToken cancellationToken)
    {
        var accountId = await RequireAccountAsync(context);
        if (accountId is null)
        {
            return AdminCli.Usage;
        }

        await using var cluster = await CliCluster.ConnectAsync(context.Settings, context.Database, cancellationToken);
        var keys = await cluster.Grains.GetGrain<IAccountGrain>(accountId).ListApiKeysAsync();
        foreach (var key in keys)
        {
            var lastUsed = key.LastUsedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "never";
            await context.Output.WriteLineAsync($"{key.KeyId}  {key.SecretHint}  {key.Name}  scopes={string.Join(",", key.Scopes)}  limit={key.RateLimitPerMinute}/min  last used {lastUsed}");
        }

        await context.Output.WriteLineAsync($"{keys.Count} live key(s).");
        return AdminCli.Ok;
    }

    public static async Task<int> RevokeAsync(CliContext context, CancellationToken cancellationToken)
    {
        var accountId = await RequireAccountAsync(context);
        if (accountId is null)
        {
            return AdminCli.Usage;
        }

        if (context.Arguments.Positional.Count != 1)
        {
            await context.Error.WriteLineAsync("keys revoke needs exactly one key id.");
            return AdminCli.Usage;
        }

        var keyId = context.Arguments.Positional[0];
        await using var cluster = await CliCluster.ConnectAsync(context.Settings, context.Database, cancellationToken);
        if (!await cluster.Grains.GetGrain<IAccountGrain>(accountId).RevokeApiKeyAsync(keyId, TimeProvider.System.GetUtcNow()))
        {
            await context.Error.WriteLineAsync($"No live key '{keyId}' in account {accountId}.");
            return AdminCli.Failed;
        }

        await context.Output.WriteLineAsync($"revoked {keyId}");
        return AdminCli.Ok;
    }

    private static async Task<string?> RequireAccountAsync(CliContext context)
    {
        if (context.Arguments.Options.TryGetValue("account", out var accountId) && ResourceIdGenerator.IsWellFormed(accountId, ResourcePrefixes.Account))
        {
            return accountId;
        }

        await context.Error.WriteLineAsync("--account ACCOUNT_ID (acct_...) is required.");
        return null;
    }
}
