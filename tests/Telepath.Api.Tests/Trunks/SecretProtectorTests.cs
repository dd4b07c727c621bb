using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Telepath.Api.Secrets;
using Telepath.TestKit;

namespace Telepath.Api.Tests.Trunks;

/// <summary>
/// Secrets at rest: AES-256-GCM bound to resource and field, several keys by id, tampering detected, and the key file
/// created once with owner-only permissions.
/// </summary>
public sealed class SecretProtectorTests
{
    private static readonly byte[] s_key = RandomNumberGenerator.GetBytes(32);
    private readonly SecretProtector _protector = new(new SecretKeyRing([s_key]));

    [Fact]
    public void Round_trips_and_never_repeats_a_ciphertext()
    {
        var first = _protector.Protect("trunk_a", "openai_api_key", "sk-live-123");
        var second = _protector.Protect("trunk_a", "openai_api_key", "sk-live-123");
        Assert.NotEqual(first, second);
        Assert.Equal("sk-live-123", _protector.Unprotect("trunk_a", "openai_api_key", first));
        Assert.Equal("sk-live-123", _protector.Unprotect("trunk_a", "openai_api_key", second));
        Assert.Equal("", _protector.Unprotect("trunk_a", "f", _protector.Protect("trunk_a", "f", "")));
    }

    [Fact]
    public void Ciphertext_names_its_key_by_the_first_eight_bytes_of_its_sha256()
    {
        var ciphertext = _protector.Protect("trunk_a", "f", "v");
        var expected = Convert.ToHexStringLower(SHA256.HashData(s_key)[..8]);
        Assert.Equal(expected, SecretProtector.KeyIdOf(ciphertext));
        Assert.Equal(expected, _protector.Ring.CurrentKeyId);
        Assert.Equal(1 + 8 + 12 + 16 + 1, ciphertext.Length);
    }

    [Fact]
    public void Any_altered_byte_is_detected()
    {
        var ciphertext = _protector.Protect("trunk_a", "openai_api_key", "sk-live-secret-value");
        for (var i = 0; i < ciphertext.Length; i++)
        {
            var tampered = ciphertext.ToArray();
            tampered[i] ^= 0x01;
            Assert.Throws<SecretDecryptionException>(() => _protector.Unprotect("trunk_a", "openai_api_key", tampered));
        }

        Assert.Throws<SecretDecryptionException>(() => _protector.Unprotect("trunk_a", "openai_api_key", ciphertext[..^1]));
        Assert.Throws<SecretDecryptionException>(() => _protector.Unprotect("trunk_a", "openai_api_key", ciphertext[..20]));
    }

    [Fact]
    public void A_ciphertext_moved_to_another_trunk_or_field_does_not_decrypt()
    {
        var ciphertext = _protector.Protect("trunk_a", "openai_api_key", "sk-live-123");
        Assert.Throws<SecretDecryptionException>(() => _protector.Unprotect("trunk_b", "openai_api_key", ciphertext));
        Assert.Throws<SecretDecryptionException>(() => _protector.Unprotect("trunk_a", "elevenlabs_api_key", ciphertext));
        // Length-prefixed associated data: shifting a character between id and field changes it.
        var shifted = _protector.Protect("trunk_ab", "c", "v");
        Assert.Throws<SecretDecryptionException>(() => _protector.Unprotect("trunk_a", "bc", shifted));
    }

    [Fact]
    public void Older_keys_still_decrypt_after_the_master_key_changes_and_unknown_keys_are_named()
    {
        var oldKey = RandomNumberGenerator.GetBytes(32);
        var newKey = RandomNumberGenerator.GetBytes(32);
        var before = new SecretProtector(new SecretKeyRing([oldKey])).Protect("trunk_a", "f", "old secret");
        var rotated = new SecretProtector(new SecretKeyRing([newKey, oldKey]));
        Assert.Equal("old secret", rotated.Unprotect("trunk_a", "f", before));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(newKey)[..8]), SecretProtector.KeyIdOf(rotated.Protect("trunk_a", "f", "new")));

        var withoutOld = new SecretProtector(new SecretKeyRing([newKey]));
        var error = Assert.Throws<SecretDecryptionException>(() => withoutOld.Unprotect("trunk_a", "f", before));
        Assert.Contains(SecretProtector.KeyIdOf(before)!, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("old secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_file_is_created_once_with_mode_0600_and_reused()
    {
        using var folder = new TempDirectory("telepath-keys");
        var path = Path.Combine(folder.Path, "keys", "master.key");
        var options = Options.Create(new SecretsOptions { KeyFile = path });

        var first = SecretKeyRingLoader.Load(options, NullLogger.Instance);
        Assert.True(File.Exists(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        var ciphertext = new SecretProtector(first).Protect("trunk_a", "f", "kept across restarts");
        var second = SecretKeyRingLoader.Load(options, NullLogger.Instance);
        Assert.Equal(first.CurrentKeyId, second.CurrentKeyId);
        Assert.Equal("kept across restarts", new SecretProtector(second).Unprotect("trunk_a", "f", ciphertext));
    }

    [Fact]
    public void A_configured_master_key_wins_over_the_key_file_and_previous_keys_join_the_ring()
    {
        var master = RandomNumberGenerator.GetBytes(32);
        var previous = RandomNumberGenerator.GetBytes(32);
        var options = new SecretsOptions { MasterKey = Convert.ToBase64String(master), KeyFile = "/nonexistent/never-created.key" };
        options.PreviousKeys.Add(Convert.ToBase64String(previous));

        var ring = SecretKeyRingLoader.Load(Options.Create(options), NullLogger.Instance);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(master)[..8]), ring.CurrentKeyId);
        Assert.False(File.Exists("/nonexistent/never-created.key"));
        var old = new SecretProtector(new SecretKeyRing([previous])).Protect("t", "f", "v");
        Assert.Equal("v", new SecretProtector(ring).Unprotect("t", "f", old));
        Assert.DoesNotContain(Convert.ToBase64String(master), ring.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Validator_refuses_keys_that_are_not_32_bytes_of_base64(string key)
    {
        var options = new SecretsOptions { MasterKey = key, KeyFile = "x" };
        var result = new SecretsOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("Telepath:Secrets:MasterKey", result.FailureMessage, StringComparison.Ordinal);
    }
}
