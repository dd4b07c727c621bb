using Telepath.Grains.Abstractions.Accounts;
using Telepath.Grains.Abstractions.Trunks;
using Telepath.Grains.Abstractions.Webhooks;

namespace Telepath.Grains.Tests.Trunks;

/// <summary>
/// Trunk status <c>error</c> (spec §5): set by the system after repeated agent failures, calls still admitted, one
/// <c>trunk.error</c> per transition, cleared by the next agent connection; visible on the trunk and in the index.
/// </summary>
public sealed class TrunkHealthTests : IClassFixture<TrunkClusterFixture>
{
    private const string StatusUrl = "https://hooks.example.com/trunk";
    private readonly TrunkClusterFixture _fixture;

    public TrunkHealthTests(TrunkClusterFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Three_agent_failures_in_a_row_put_the_trunk_in_error_once_and_a_connection_clears_it()
    {
        var (account, trunkId) = await NewTrunkAsync();
        var trunk = _fixture.Grains.GetGrain<ITrunkGrain>(trunkId);
        var now = DateTimeOffset.UtcNow;

        await trunk.RecordAgentFailureAsync(TrunkHealthOptions.AgentUnreachable, now.AddSeconds(-3));
        await trunk.RecordAgentFailureAsync(TrunkHealthOptions.AgentError, now.AddSeconds(-2));
        Assert.Equal(TrunkStatus.Active, (await trunk.GetAsync())!.Settings.Status);

        await trunk.RecordAgentFailureAsync(TrunkHealthOptions.AgentUnreachable, now.AddSeconds(-1));
        await trunk.RecordAgentFailureAsync(TrunkHealthOptions.AgentUnreachable, now);
        Assert.Equal(TrunkStatus.Error, (await trunk.GetAsync())!.Settings.Status);
        Assert.Equal(TrunkStatus.Error, Assert.Single(await account.ListTrunksAsync()).Status);
        // Calls are still admitted, so a recovered agent can prove itself.
        var identity = await _fixture.Grains.GetGrain<ISipIdentityGrain>(SipIdentityKey.For(trunkId)).GetAsync();
        Assert.Equal(SipAdmission.Accept, identity!.Admission);
        var published = Assert.Single(_fixture.Published.Published, p => p.Event.TrunkId == trunkId);
        Assert.Equal(WebhookEventTypes.TrunkError, published.Event.Type);
        Assert.Equal(account.GetPrimaryKeyString(), published.Event.AccountId);
        Assert.Equal(StatusUrl, published.Target!.Url);
        Assert.Contains("\"consecutive_failures\":3", published.Event.DataJson, StringComparison.Ordinal);

        await trunk.RecordAgentConnectedAsync(now);
        Assert.Equal(TrunkStatus.Active, (await trunk.GetAsync())!.Settings.Status);
        Assert.Equal(TrunkStatus.Active, Assert.Single(await account.ListTrunksAsync()).Status);
    }

    [Fact]
    public async Task Failures_further_apart_than_the_window_or_broken_by_a_connection_do_not_count_as_a_run()
    {
        var (_, trunkId) = await NewTrunkAsync();
        var trunk = _fixture.Grains.GetGrain<ITrunkGrain>(trunkId);
        var now = DateTimeOffset.UtcNow;

        await trunk.RecordAgentFailureAsync(TrunkHealthOptions.AgentError, now.AddMinutes(-12));
        await trunk.RecordAgentFailureAsync(TrunkHealthOptions.AgentError, now.AddMinutes(-6));
        await trunk.RecordAgentFailureAsync(TrunkHealthOptions.AgentError, now.AddSeconds(-3));
        await trunk.RecordAgentFailureAsync(TrunkHealthOptions.AgentError, now.AddSeconds(-2));
        await trunk.RecordAgentConnectedAsync(now.AddSeconds(-1));
        await trunk.RecordAgentFailureAsync(TrunkHealthOptions.AgentError, now);

        Assert.Equal(TrunkStatus.Active, (await trunk.GetAsync())!.Settings.Status);
        Assert.DoesNotContain(_fixture.Published.Published, p => p.Event.TrunkId == trunkId);
    }

    [Fact]
    public async Task An_update_that_read_the_error_status_back_stores_active_and_an_inactive_trunk_never_shows_error()
    {
        var (account, trunkId) = await NewTrunkAsync();
        var trunk = _fixture.Grains.GetGrain<ITrunkGrain>(trunkId);
        var now = DateTimeOffset.UtcNow;
        for (var i = 3; i > 0; i--)
        {
            await trunk.RecordAgentFailureAsync(TrunkHealthOptions.AgentUnreachable, now.AddSeconds(-i));
        }

        var view = (await trunk.GetAsync())!;
        Assert.Equal(TrunkStatus.Error, view.Settings.Status);
        var renamed = view.Settings with { Name = "Renamed" };
        Assert.Equal(TrunkWriteOutcome.Done, await account.UpdateTrunkAsync(new TrunkUpdateCommand(trunkId, view.Version, renamed, new Dictionary<string, byte[]>(), [], now)));
        Assert.Equal(TrunkStatus.Error, (await trunk.GetAsync())!.Settings.Status);
        Assert.Equal(TrunkStatus.Active, (await trunk.GetAgentAsync())!.Settings.Status);

        view = (await trunk.GetAsync())!;
        var inactive = view.Settings with { Status = TrunkStatus.Inactive };
        Assert.Equal(TrunkWriteOutcome.Done, await account.UpdateTrunkAsync(new TrunkUpdateCommand(trunkId, view.Version, inactive, new Dictionary<string, byte[]>(), [], now)));
        Assert.Equal(TrunkStatus.Inactive, (await trunk.GetAsync())!.Settings.Status);
        Assert.Equal(TrunkStatus.Inactive, Assert.Single(await account.ListTrunksAsync()).Status);
    }

    private async Task<(IAccountGrain Account, string TrunkId)> NewTrunkAsync()
    {
        var accountId = "acct_" + Guid.NewGuid().ToString("N");
        var account = _fixture.Grains.GetGrain<IAccountGrain>(accountId);
        await account.EnsureCreatedAsync("test", DateTimeOffset.UtcNow);
        var trunkId = "trunk_" + Guid.NewGuid().ToString("N");
        var settings = new TrunkSettings("Health", TrunkStatus.Active, TrunkProvider.Custom, "wss://agent.example.com", [], [], StatusUrl, null, null, null, null, []);
        var command = new TrunkCreateCommand(trunkId, accountId, trunkId, settings, new Dictionary<string, byte[]>(), new SipCredentialHashes("md5-1", "sha-1"), DateTimeOffset.UtcNow);
        Assert.Equal(TrunkWriteOutcome.Done, await account.CreateTrunkAsync(command));
        return (account, trunkId);
    }
}
