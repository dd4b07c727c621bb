using System.Net;
using Telepath.Api.Secrets;
using Telepath.Grains.Abstractions.Accounts;
using Telepath.Grains.Abstractions.Trunks;

namespace Telepath.Api.Tests.Trunks;

/// <summary>
/// Spec §5: SIP passwords, provider keys and custom header values are write-only. After creation no response and no
/// log line carries them; what is stored is encrypted, and a stored ciphertext that was altered is detected.
/// </summary>
public sealed class TrunkSecretsTests : IClassFixture<TrunkSiloFixture>
{
    private readonly TrunkSiloFixture _fixture;

    public TrunkSecretsTests(TrunkSiloFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Secrets_never_appear_in_responses_after_creation_nor_in_any_log_line()
    {
        var client = await _fixture.NewKeyAsync();
        var marker = Guid.NewGuid().ToString("N");
        var sipPassword = "sip-pw-" + marker;
        var openAiKey = "sk-openai-" + marker;
        var headerValue = "hdr-token-" + marker;
        var body = TrunkRequests.OpenAi(openAiKey);
        body["sip_password"] = sipPassword;
        body["custom_headers"] = new Dictionary<string, string> { ["X-Auth"] = headerValue };
        var (createdText, created) = await TrunkRequests.CreateAsync(client, body);
        var id = created.GetProperty("id").GetString()!;
        Assert.Contains(sipPassword, createdText, StringComparison.Ordinal);
        Assert.DoesNotContain(openAiKey, createdText, StringComparison.Ordinal);
        Assert.DoesNotContain(headerValue, createdText, StringComparison.Ordinal);

        var responses = new List<string>
        {
            (await TrunkRequests.SendAsync(client, HttpMethod.Get, "/v1/trunks/" + id)).Text,
            (await TrunkRequests.SendAsync(client, HttpMethod.Get, "/v1/trunks")).Text,
            (await TrunkRequests.SendAsync(client, HttpMethod.Patch, "/v1/trunks/" + id, new { openai_voice = "verse" })).Text,
            (await TrunkRequests.SendAsync(client, HttpMethod.Patch, "/v1/trunks/" + id, new { openai_api_key = openAiKey + "-2" })).Text,
        };
        var (rotateStatus, rotateText) = await TrunkRequests.SendAsync(client, HttpMethod.Post, $"/v1/trunks/{id}/rotate-sip-password", new { grace_period_seconds = 60 });
        Assert.Equal(HttpStatusCode.OK, rotateStatus);
        var rotatedPassword = TrunkRequests.Data(rotateText).GetProperty("sip_password").GetString()!;
        responses.Add((await TrunkRequests.SendAsync(client, HttpMethod.Get, "/v1/trunks/" + id)).Text);
        responses.Add((await TrunkRequests.SendAsync(client, HttpMethod.Delete, "/v1/trunks/" + id)).Text);

        foreach (var text in responses)
        {
            foreach (var secret in new[] { sipPassword, openAiKey, headerValue, rotatedPassword })
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }

        Assert.NotEmpty(_fixture.Logs.Lines);
        Assert.Contains(_fixture.Logs.Lines, line => line.Contains(id, StringComparison.Ordinal));
        foreach (var line in _fixture.Logs.Lines)
        {
            foreach (var secret in new[] { marker, rotatedPassword })
            {
                Assert.DoesNotContain(secret, line, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_master_key_file_was_created_at_first_start_readable_by_the_owner_only()
    {
        var path = Path.Combine(_fixture.DataDirectory, "keys", "master.key");
        Assert.True(File.Exists(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        var key = SecretKeyRing.TryDecodeKey(File.ReadAllText(path));
        Assert.NotNull(key);
        Assert.Equal(Convert.ToHexStringLower(SecretKeyRing.IdOf(key)), _fixture.Protector.Ring.CurrentKeyId);
    }

    [Fact]
    public async Task Provider_keys_and_header_values_are_stored_encrypted_for_their_trunk()
    {
        var client = await _fixture.NewKeyAsync();
        var body = TrunkRequests.OpenAi("sk-stored-encrypted-key");
        body["custom_headers"] = new Dictionary<string, string> { ["X-Auth"] = "stored-header-value" };
        var (_, created) = await TrunkRequests.CreateAsync(client, body);
        var id = created.GetProperty("id").GetString()!;

        var agent = await _fixture.Silo.Grains.GetGrain<ITrunkGrain>(id).GetAgentAsync();
        var keyCipher = agent!.Secrets[TrunkSecretFields.OpenAiApiKey];
        Assert.DoesNotContain("sk-stored-encrypted-key", System.Text.Encoding.UTF8.GetString(keyCipher), StringComparison.Ordinal);
        Assert.DoesNotContain("stored-header-value", System.Text.Encoding.UTF8.GetString(agent.Secrets[TrunkSecretFields.CustomHeaders]), StringComparison.Ordinal);
        Assert.Equal(_fixture.Protector.Ring.CurrentKeyId, SecretProtector.KeyIdOf(keyCipher));
        Assert.Equal("sk-stored-encrypted-key", _fixture.Protector.Unprotect(id, TrunkSecretFields.OpenAiApiKey, keyCipher));
        Assert.DoesNotContain("sk-stored", agent.ToString(), StringComparison.Ordinal);

        var settings = await _fixture.Directory.GetAgentSettingsAsync(id, CancellationToken.None);
        Assert.Equal("sk-stored-encrypted-key", settings!.ApiKey);
        Assert.Equal("stored-header-value", settings.CustomHeaders["X-Auth"]);
    }

    [Fact]
    public async Task A_tampered_stored_ciphertext_is_detected_by_the_directory_never_returned_as_garbage()
    {
        var client = await _fixture.NewKeyAsync();
        var (_, created) = await TrunkRequests.CreateAsync(client, TrunkRequests.OpenAi("sk-tamper-target"));
        var id = created.GetProperty("id").GetString()!;
        var trunk = _fixture.Silo.Grains.GetGrain<ITrunkGrain>(id);
        var view = (await trunk.GetAsync())!;
        var stored = (await trunk.GetAgentAsync())!.Secrets[TrunkSecretFields.OpenAiApiKey];
        var tampered = stored.ToArray();
        tampered[^1] ^= 0x20;

        // Write the altered bytes through the grain, as corrupted or hostile storage would present them.
        var account = _fixture.Silo.Grains.GetGrain<IAccountGrain>(client.AccountId);
        var outcome = await account.UpdateTrunkAsync(new TrunkUpdateCommand(
            id, view.Version, view.Settings, new Dictionary<string, byte[]> { [TrunkSecretFields.OpenAiApiKey] = tampered }, [], DateTimeOffset.UtcNow));
        Assert.Equal(TrunkWriteOutcome.Done, outcome);

        await Assert.ThrowsAsync<SecretDecryptionException>(async () => await _fixture.Directory.GetAgentSettingsAsync(id, CancellationToken.None));
        Assert.Contains(_fixture.Logs.Lines, line => line.Contains("[8200]", StringComparison.Ordinal) && line.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_ciphertext_copied_from_another_trunk_does_not_decrypt()
    {
        var client = await _fixture.NewKeyAsync();
        var (_, source) = await TrunkRequests.CreateAsync(client, TrunkRequests.OpenAi("sk-source-trunk"));
        var (_, target) = await TrunkRequests.CreateAsync(client, TrunkRequests.OpenAi("sk-target-trunk"));
        var sourceId = source.GetProperty("id").GetString()!;
        var targetId = target.GetProperty("id").GetString()!;
        var copied = (await _fixture.Silo.Grains.GetGrain<ITrunkGrain>(sourceId).GetAgentAsync())!.Secrets[TrunkSecretFields.OpenAiApiKey];
        var targetView = (await _fixture.Silo.Grains.GetGrain<ITrunkGrain>(targetId).GetAsync())!;

        var outcome = await _fixture.Silo.Grains.GetGrain<IAccountGrain>(client.AccountId).UpdateTrunkAsync(new TrunkUpdateCommand(
            targetId, targetView.Version, targetView.Settings, new Dictionary<string, byte[]> { [TrunkSecretFields.OpenAiApiKey] = copied }, [], DateTimeOffset.UtcNow));
        Assert.Equal(TrunkWriteOutcome.Done, outcome);

        await Assert.ThrowsAsync<SecretDecryptionException>(async () => await _fixture.Directory.GetAgentSettingsAsync(targetId, CancellationToken.None));
        Assert.Equal("sk-source-trunk", (await _fixture.Directory.GetAgentSettingsAsync(sourceId, CancellationToken.None))!.ApiKey);
    }
}
