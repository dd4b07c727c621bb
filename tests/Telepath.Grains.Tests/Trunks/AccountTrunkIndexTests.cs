using Telepath.Grains.Abstractions.Accounts;
using Telepath.Grains.Abstractions.Trunks;

namespace Telepath.Grains.Tests.Trunks;

/// <summary>
/// The account's trunk index and the trunk grain behind it: names unique per account, user names per installation,
/// optimistic concurrency on changes, and delete releasing the SIP identity while the record stays.
/// </summary>
public sealed class AccountTrunkIndexTests : IClassFixture<TrunkClusterFixture>
{
    private static readonly DateTimeOffset s_now = new(2026, 1, 15, 10, 30, 0, TimeSpan.Zero);
    private readonly TrunkClusterFixture _fixture;

    public AccountTrunkIndexTests(TrunkClusterFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Names_are_unique_case_insensitively_and_lists_are_newest_first()
    {
        var account = await NewAccountAsync();
        Assert.Equal(TrunkWriteOutcome.Done, await account.CreateTrunkAsync(Command(account, "trunk_01a", "Main")));
        Assert.Equal(TrunkWriteOutcome.NameTaken, await account.CreateTrunkAsync(Command(account, "trunk_01b", "MAIN")));
        Assert.Equal(TrunkWriteOutcome.Done, await account.CreateTrunkAsync(Command(account, "trunk_01c", "Backup")));

        var list = await account.ListTrunksAsync();
        Assert.Equal([Scoped(account, "trunk_01c"), Scoped(account, "trunk_01a")], list.Select(t => t.TrunkId));
        Assert.Null(await _fixture.Grains.GetGrain<ITrunkGrain>(Scoped(account, "trunk_01b")).GetAsync());
    }

    [Fact]
    public async Task A_create_that_loses_its_sip_username_leaves_no_index_entry()
    {
        var first = await NewAccountAsync();
        var second = await NewAccountAsync();
        var username = "shared-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(TrunkWriteOutcome.Done, await first.CreateTrunkAsync(Command(first, "trunk_01a", "A", username)));
        Assert.Equal(TrunkWriteOutcome.SipUsernameTaken, await second.CreateTrunkAsync(Command(second, "trunk_01a", "A", username.ToUpperInvariant())));
        Assert.Empty(await second.ListTrunksAsync());
    }

    [Fact]
    public async Task Updates_need_the_version_they_were_computed_from_and_keep_the_index_in_step()
    {
        var account = await NewAccountAsync();
        var command = Command(account, "trunk_01a", "Old name");
        await account.CreateTrunkAsync(command);
        var trunk = _fixture.Grains.GetGrain<ITrunkGrain>(command.TrunkId);
        var view = (await trunk.GetAsync())!;
        var renamed = view.Settings with { Name = "New name", Status = TrunkStatus.Inactive };

        Assert.Equal(TrunkWriteOutcome.Done, await account.UpdateTrunkAsync(new TrunkUpdateCommand(command.TrunkId, view.Version, renamed, new Dictionary<string, byte[]>(), [], s_now)));
        Assert.Equal(TrunkWriteOutcome.VersionMismatch, await account.UpdateTrunkAsync(new TrunkUpdateCommand(command.TrunkId, view.Version, view.Settings, new Dictionary<string, byte[]>(), [], s_now)));
        var summary = Assert.Single(await account.ListTrunksAsync());
        Assert.Equal("New name", summary.Name);
        Assert.Equal(TrunkStatus.Inactive, summary.Status);
        var identity = await _fixture.Grains.GetGrain<ISipIdentityGrain>(SipIdentityKey.For(command.SipUsername)).GetAsync();
        Assert.Equal(SipAdmission.Inactive, identity!.Admission);
    }

    [Fact]
    public async Task Rotation_keeps_the_old_hashes_only_with_a_grace_period()
    {
        var account = await NewAccountAsync();
        var command = Command(account, "trunk_01a", "Rotating");
        await account.CreateTrunkAsync(command);
        var trunk = _fixture.Grains.GetGrain<ITrunkGrain>(command.TrunkId);
        var identityGrain = _fixture.Grains.GetGrain<ISipIdentityGrain>(SipIdentityKey.For(command.SipUsername));
        var second = new SipCredentialHashes("md5-2", "sha-2");
        var third = new SipCredentialHashes("md5-3", "sha-3");

        Assert.True(await trunk.RotatePasswordAsync(new SipPasswordRotation(second, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1))));
        var during = (await identityGrain.GetAsync())!;
        Assert.Equal(second, during.Current);
        Assert.Equal(command.Credentials, during.Previous);

        Assert.True(await trunk.RotatePasswordAsync(new SipPasswordRotation(third, DateTimeOffset.UtcNow, null)));
        var after = (await identityGrain.GetAsync())!;
        Assert.Equal(third, after.Current);
        Assert.Null(after.Previous);
    }

    [Fact]
    public async Task Delete_releases_the_identity_frees_the_name_and_hides_the_trunk()
    {
        var account = await NewAccountAsync();
        var command = Command(account, "trunk_01a", "Doomed");
        await account.CreateTrunkAsync(command);

        Assert.True(await account.DeleteTrunkAsync(command.TrunkId, s_now));
        Assert.False(await account.DeleteTrunkAsync(command.TrunkId, s_now));
        Assert.Null(await _fixture.Grains.GetGrain<ITrunkGrain>(command.TrunkId).GetAsync());
        Assert.Null(await _fixture.Grains.GetGrain<ITrunkGrain>(command.TrunkId).GetAgentAsync());
        Assert.False(await _fixture.Grains.GetGrain<ITrunkGrain>(command.TrunkId).RotatePasswordAsync(new SipPasswordRotation(command.Credentials, s_now, null)));
        Assert.Equal(SipAdmission.Deleted, (await _fixture.Grains.GetGrain<ISipIdentityGrain>(SipIdentityKey.For(command.SipUsername)).GetAsync())!.Admission);
        Assert.Empty(await account.ListTrunksAsync());
        Assert.Equal(TrunkWriteOutcome.Done, await account.CreateTrunkAsync(Command(account, "trunk_01b", "Doomed")));
    }

    private async Task<IAccountGrain> NewAccountAsync()
    {
        var account = _fixture.Grains.GetGrain<IAccountGrain>("acct_" + Guid.NewGuid().ToString("N"));
        await account.EnsureCreatedAsync("test", s_now);
        return account;
    }

    // Trunk ids are global grain keys: suffix them per account so tests never share a trunk.
    private static string Scoped(IAccountGrain account, string trunkId) => trunkId + "_" + account.GetPrimaryKeyString()[5..17];

    private static TrunkCreateCommand Command(IAccountGrain account, string trunkId, string name, string? sipUsername = null)
    {
        var id = Scoped(account, trunkId);
        var settings = new TrunkSettings(name, TrunkStatus.Active, TrunkProvider.Custom, "wss://agent.example.com", [], [], null, null, null, null, null, []);
        return new TrunkCreateCommand(id, account.GetPrimaryKeyString(), sipUsername ?? id, settings, new Dictionary<string, byte[]>(), new SipCredentialHashes("md5-1", "sha-1"), s_now);
    }
}
