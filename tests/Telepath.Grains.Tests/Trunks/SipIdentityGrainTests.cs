using Telepath.Grains.Abstractions.Trunks;

namespace Telepath.Grains.Tests.Trunks;

/// <summary>The SIP identity grain: one owner per user name, release on delete, grace hashes hidden once expired.</summary>
public sealed class SipIdentityGrainTests : IClassFixture<TrunkClusterFixture>
{
    private static readonly SipCredentialHashes s_hashes = new("md5-current", "sha-current");
    private readonly TrunkClusterFixture _fixture;

    public SipIdentityGrainTests(TrunkClusterFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task One_trunk_holds_a_name_until_it_releases_it()
    {
        var name = "User-" + Guid.NewGuid().ToString("N")[..8];
        var grain = _fixture.Grains.GetGrain<ISipIdentityGrain>(SipIdentityKey.For(name));
        Assert.Equal(SipIdentityKey.For(name.ToUpperInvariant()), SipIdentityKey.For(name.ToLowerInvariant()));

        Assert.True(await grain.ClaimAsync(Identity(name, "trunk_a")));
        Assert.False(await grain.ClaimAsync(Identity(name, "trunk_b")));
        Assert.True(await grain.ClaimAsync(Identity(name, "trunk_a")));
        Assert.False(await grain.UpdateAsync(Identity(name, "trunk_b") with { Admission = SipAdmission.Inactive }));
        Assert.False(await grain.ReleaseAsync("trunk_b"));
        Assert.Equal("trunk_a", (await grain.GetAsync())!.TrunkId);

        Assert.True(await grain.ReleaseAsync("trunk_a"));
        var released = await grain.GetAsync();
        Assert.Equal(SipAdmission.Deleted, released!.Admission);
        Assert.Equal("", released.Current.Md5);
        Assert.False(await grain.UpdateAsync(Identity(name, "trunk_a")));

        Assert.True(await grain.ClaimAsync(Identity(name, "trunk_b")));
        Assert.Equal("trunk_b", (await grain.GetAsync())!.TrunkId);
    }

    [Fact]
    public async Task Concurrent_claims_have_exactly_one_winner()
    {
        var name = "race-" + Guid.NewGuid().ToString("N")[..8];
        var grain = _fixture.Grains.GetGrain<ISipIdentityGrain>(SipIdentityKey.For(name));
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => grain.ClaimAsync(Identity(name, "trunk_" + i))));
        Assert.Single(results, true);
    }

    [Fact]
    public async Task Expired_grace_hashes_are_not_handed_out()
    {
        var name = "grace-" + Guid.NewGuid().ToString("N")[..8];
        var grain = _fixture.Grains.GetGrain<ISipIdentityGrain>(SipIdentityKey.For(name));
        var previous = new SipCredentialHashes("md5-old", "sha-old");
        await grain.ClaimAsync(Identity(name, "trunk_a") with { Previous = previous, PreviousExpiresAt = DateTimeOffset.UtcNow.AddHours(1) });
        Assert.Equal(previous, (await grain.GetAsync())!.Previous);

        await grain.UpdateAsync(Identity(name, "trunk_a") with { Previous = previous, PreviousExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1) });
        var identity = await grain.GetAsync();
        Assert.Null(identity!.Previous);
        Assert.Null(identity.PreviousExpiresAt);
        Assert.Equal(s_hashes, identity.Current);
    }

    [Fact]
    public async Task Views_never_print_their_hashes()
    {
        var identity = Identity("printer", "trunk_a");
        Assert.DoesNotContain("md5-current", identity.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("md5-current", s_hashes.ToString(), StringComparison.Ordinal);
        Assert.Null(await _fixture.Grains.GetGrain<ISipIdentityGrain>(SipIdentityKey.For("never-" + Guid.NewGuid().ToString("N"))).GetAsync());
    }

    private static SipIdentityView Identity(string name, string trunkId) =>
        new(name, trunkId, "acct_test", SipAdmission.Accept, s_hashes, null, null, [], []);
}
