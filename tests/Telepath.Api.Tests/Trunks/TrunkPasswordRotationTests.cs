using System.Net;
using Microsoft.Extensions.Time.Testing;
using Telepath.Api.Trunks;
using Telepath.Media.Sip.Auth;

namespace Telepath.Api.Tests.Trunks;

/// <summary>
/// SIP credentials (spec §5): stored only as HA1s that the media engine's digest verifier accepts (RFC 7616 §3.4.2),
/// and password rotation with and without a grace period, checked through the trunk directory.
/// </summary>
public sealed class TrunkPasswordRotationTests : IClassFixture<TrunkSiloFixture>
{
    private readonly TrunkSiloFixture _fixture;
    private readonly SipDigestClient _carrier = new();

    public TrunkPasswordRotationTests(TrunkSiloFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public void Stored_ha1s_equal_the_media_engines_digest_computation()
    {
        var hashes = SipPasswords.Hash("carrier.one", "sip.example.com", "pässword-ünicode");
        Assert.Equal(DigestHash.ComputeHa1(DigestAlgorithm.Md5, "carrier.one", "sip.example.com", "pässword-ünicode"), hashes.Md5);
        Assert.Equal(DigestHash.ComputeHa1(DigestAlgorithm.Sha256, "carrier.one", "sip.example.com", "pässword-ünicode"), hashes.Sha256);
        Assert.DoesNotContain(hashes.Md5, hashes.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_passwords_are_long_and_distinct()
    {
        var passwords = Enumerable.Range(0, 100).Select(_ => SipPasswords.Generate()).ToHashSet();
        Assert.Equal(100, passwords.Count);
        Assert.All(passwords, p => Assert.True(p.Length >= 20 && p.All(char.IsAsciiLetterOrDigit)));
    }

    [Fact]
    public async Task The_created_password_authenticates_with_md5_and_sha256_and_a_wrong_one_does_not()
    {
        var client = await _fixture.NewKeyAsync();
        var (_, created) = await TrunkRequests.CreateAsync(client, TrunkRequests.Custom());
        var password = created.GetProperty("sip_password").GetString()!;
        var identity = await _fixture.Directory.FindByUsernameAsync(created.GetProperty("sip_username").GetString()!, CancellationToken.None);

        Assert.True(_carrier.Authenticates(identity!, password, DigestAlgorithm.Md5, TrunkSiloFixture.SipDomain));
        Assert.True(_carrier.Authenticates(identity!, password, DigestAlgorithm.Sha256, TrunkSiloFixture.SipDomain));
        Assert.False(_carrier.Authenticates(identity!, password + "x", DigestAlgorithm.Md5, TrunkSiloFixture.SipDomain));
        // The realm is part of HA1: the same password under another domain is another credential.
        Assert.False(_carrier.Authenticates(identity!, password, DigestAlgorithm.Md5, "other.example.com"));
    }

    [Fact]
    public async Task Rotation_without_grace_stops_the_old_password_at_once()
    {
        var client = await _fixture.NewKeyAsync();
        var body = TrunkRequests.Custom();
        body["sip_password"] = "first-password-123";
        var (_, created) = await TrunkRequests.CreateAsync(client, body);
        var id = created.GetProperty("id").GetString()!;

        var (status, text) = await TrunkRequests.SendAsync(client, HttpMethod.Post, $"/v1/trunks/{id}/rotate-sip-password");
        Assert.Equal(HttpStatusCode.OK, status);
        var rotation = TrunkRequests.Data(text);
        Assert.Equal(id, rotation.GetProperty("id").GetString());
        Assert.Equal(id, rotation.GetProperty("sip_username").GetString());
        var newPassword = rotation.GetProperty("sip_password").GetString()!;
        Assert.True(newPassword.Length >= 20);
        Assert.Equal(rotation.GetProperty("rotated_at").GetDateTimeOffset(), rotation.GetProperty("previous_password_expires_at").GetDateTimeOffset());

        var identity = await _fixture.Directory.FindByUsernameAsync(id, CancellationToken.None);
        Assert.Equal(2, identity!.Credentials.Count);
        Assert.False(_carrier.Authenticates(identity, "first-password-123", DigestAlgorithm.Md5, TrunkSiloFixture.SipDomain));
        Assert.True(_carrier.Authenticates(identity, newPassword, DigestAlgorithm.Md5, TrunkSiloFixture.SipDomain));
        Assert.True(_carrier.Authenticates(identity, newPassword, DigestAlgorithm.Sha256, TrunkSiloFixture.SipDomain));
    }

    [Fact]
    public async Task Rotation_with_grace_keeps_the_old_password_until_expiry_and_not_after()
    {
        var client = await _fixture.NewKeyAsync();
        var body = TrunkRequests.Custom();
        body["sip_password"] = "first-password-456";
        var (_, created) = await TrunkRequests.CreateAsync(client, body);
        var id = created.GetProperty("id").GetString()!;

        var (status, text) = await TrunkRequests.SendAsync(client, HttpMethod.Post, $"/v1/trunks/{id}/rotate-password", new { grace_period_seconds = 3600 });
        Assert.Equal(HttpStatusCode.OK, status);
        var rotation = TrunkRequests.Data(text);
        var rotatedAt = rotation.GetProperty("rotated_at").GetDateTimeOffset();
        var expiresAt = rotation.GetProperty("previous_password_expires_at").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromHours(1), expiresAt - rotatedAt);
        var newPassword = rotation.GetProperty("sip_password").GetString()!;

        var clock = new FakeTimeProvider(rotatedAt.AddSeconds(1));
        var directory = _fixture.DirectoryWithClock(clock);
        var during = await directory.FindByUsernameAsync(id, CancellationToken.None);
        Assert.Equal(4, during!.Credentials.Count);
        Assert.True(_carrier.Authenticates(during, "first-password-456", DigestAlgorithm.Md5, TrunkSiloFixture.SipDomain));
        Assert.True(_carrier.Authenticates(during, "first-password-456", DigestAlgorithm.Sha256, TrunkSiloFixture.SipDomain));
        Assert.True(_carrier.Authenticates(during, newPassword, DigestAlgorithm.Md5, TrunkSiloFixture.SipDomain));

        // The wire shows milliseconds; the stored expiry may carry a fraction more.
        clock.SetUtcNow(expiresAt.AddMilliseconds(1));
        var after = await directory.FindByUsernameAsync(id, CancellationToken.None);
        Assert.Equal(2, after!.Credentials.Count);
        Assert.False(_carrier.Authenticates(after, "first-password-456", DigestAlgorithm.Md5, TrunkSiloFixture.SipDomain));
        Assert.True(_carrier.Authenticates(after, newPassword, DigestAlgorithm.Md5, TrunkSiloFixture.SipDomain));
    }

    [Fact]
    public async Task A_second_rotation_ends_the_first_grace_period()
    {
        var client = await _fixture.NewKeyAsync();
        var body = TrunkRequests.Custom();
        body["sip_password"] = "first-password-789";
        var (_, created) = await TrunkRequests.CreateAsync(client, body);
        var id = created.GetProperty("id").GetString()!;
        var (_, firstText) = await TrunkRequests.SendAsync(client, HttpMethod.Post, $"/v1/trunks/{id}/rotate-sip-password", new { grace_period_seconds = 600 });
        var second = TrunkRequests.Data(firstText).GetProperty("sip_password").GetString()!;
        var (_, secondText) = await TrunkRequests.SendAsync(client, HttpMethod.Post, $"/v1/trunks/{id}/rotate-sip-password", new { grace_period_seconds = 600 });
        var third = TrunkRequests.Data(secondText).GetProperty("sip_password").GetString()!;

        var identity = await _fixture.Directory.FindByUsernameAsync(id, CancellationToken.None);
        Assert.False(_carrier.Authenticates(identity!, "first-password-789", DigestAlgorithm.Md5, TrunkSiloFixture.SipDomain));
        Assert.True(_carrier.Authenticates(identity!, second, DigestAlgorithm.Md5, TrunkSiloFixture.SipDomain));
        Assert.True(_carrier.Authenticates(identity!, third, DigestAlgorithm.Md5, TrunkSiloFixture.SipDomain));
    }

    [Fact]
    public async Task Rotation_has_its_own_small_rate_limit()
    {
        var client = await _fixture.NewKeyAsync();
        var (_, created) = await TrunkRequests.CreateAsync(client, TrunkRequests.Custom());
        var path = $"/v1/trunks/{created.GetProperty("id").GetString()}/rotate-sip-password";
        var statuses = new List<HttpStatusCode>();
        // 21 calls: even if a one-minute window ends mid-test, two windows admit at most 20.
        for (var i = 0; i < 21; i++)
        {
            statuses.Add((await TrunkRequests.SendAsync(client, HttpMethod.Post, path)).Status);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) >= 10);
    }
}
