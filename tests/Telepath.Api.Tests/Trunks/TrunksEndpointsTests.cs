using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telepath.Silo.Tests.Support;

namespace Telepath.Api.Tests.Trunks;

/// <summary><c>/v1/trunks</c> (spec §5): create, read, PATCH, delete, conflicts and account isolation against a real silo.</summary>
public sealed class TrunksEndpointsTests : IClassFixture<TrunkSiloFixture>
{
    private readonly TrunkSiloFixture _fixture;

    public TrunksEndpointsTests(TrunkSiloFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Create_answers_201_with_every_field_the_password_once_and_defaults_applied()
    {
        var client = await _fixture.NewKeyAsync();
        var (_, data) = await TrunkRequests.CreateAsync(client, new Dictionary<string, object?>
        {
            ["name"] = "Production OpenAI Agent",
            ["provider"] = "openai",
            ["openai_api_key"] = "sk-test-openai-0001",
            ["openai_model"] = "gpt-realtime",
            ["openai_voice"] = "alloy",
            ["inbound_numbers"] = new[] { "+14155550100" },
            ["allowed_source_cidrs"] = new[] { "203.0.113.0/24", "2001:db8::1" },
            ["status_webhook_url"] = "https://hooks.example.com/telepath",
            ["system_prompt"] = "Be brief.",
        });

        var id = data.GetProperty("id").GetString()!;
        Assert.StartsWith("trunk_", id, StringComparison.Ordinal);
        Assert.Equal("Production OpenAI Agent", data.GetProperty("name").GetString());
        Assert.Equal("active", data.GetProperty("status").GetString());
        Assert.Equal("openai", data.GetProperty("ai_provider").GetString());
        Assert.Equal("openai", data.GetProperty("provider").GetString());
        Assert.Equal("wss://api.openai.com/v1/realtime", data.GetProperty("websocket_url").GetString());
        Assert.Equal(id, data.GetProperty("sip_username").GetString());
        Assert.Equal(TrunkSiloFixture.SipDomain, data.GetProperty("sip_endpoint").GetString());
        Assert.Equal($"sip:{id}@{TrunkSiloFixture.SipDomain}", data.GetProperty("sip_uri").GetString());
        Assert.Equal(["+14155550100"], data.GetProperty("inbound_numbers").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(["203.0.113.0/24", "2001:db8::1"], data.GetProperty("allowed_source_cidrs").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal("https://hooks.example.com/telepath", data.GetProperty("status_webhook_url").GetString());
        Assert.Equal("Be brief.", data.GetProperty("system_prompt").GetString());
        Assert.Equal("gpt-realtime", data.GetProperty("openai_model").GetString());
        Assert.Equal("alloy", data.GetProperty("openai_voice").GetString());
        Assert.True(data.GetProperty("has_provider_key").GetBoolean());
        Assert.False(data.GetProperty("has_custom_headers").GetBoolean());
        Assert.EndsWith("Z", data.GetProperty("created_at").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("Z", data.GetProperty("updated_at").GetString(), StringComparison.Ordinal);
        var metrics = data.GetProperty("metrics");
        Assert.Equal(0, metrics.GetProperty("calls_today").GetInt64());
        Assert.Equal(0, metrics.GetProperty("active_calls").GetInt32());
        Assert.True(metrics.TryGetProperty("success_rate", out _));
        Assert.True(metrics.TryGetProperty("avg_latency_ms", out _));
        var password = data.GetProperty("sip_password").GetString()!;
        Assert.True(password.Length >= 20, "a generated password has at least 20 characters");
        Assert.False(data.TryGetProperty("openai_api_key", out _));

        var (status, text) = await TrunkRequests.SendAsync(client, HttpMethod.Get, "/v1/trunks/" + id);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain(password, text, StringComparison.Ordinal);
        Assert.DoesNotContain("sip_password", text, StringComparison.Ordinal);
        Assert.Equal("Production OpenAI Agent", TrunkRequests.Data(text).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Create_accepts_given_username_password_and_custom_endpoint_synonym()
    {
        var client = await _fixture.NewKeyAsync();
        var username = "Agent." + Guid.NewGuid().ToString("N")[..12];
        var (_, data) = await TrunkRequests.CreateAsync(client, new Dictionary<string, object?>
        {
            ["name"] = TrunkRequests.UniqueName(),
            ["ai_provider"] = "custom",
            ["custom_endpoint"] = "wss://agent.example.com/media",
            ["sip_username"] = username,
            ["sip_password"] = "correct-horse-battery",
            ["custom_headers"] = new Dictionary<string, string> { ["X-Agent-Token"] = "tok-secret-123", ["X-Tenant"] = "acme" },
            ["status"] = "inactive",
        });

        Assert.Equal(username, data.GetProperty("sip_username").GetString());
        Assert.Equal("correct-horse-battery", data.GetProperty("sip_password").GetString());
        Assert.Equal("wss://agent.example.com/media", data.GetProperty("websocket_url").GetString());
        Assert.Equal("inactive", data.GetProperty("status").GetString());
        Assert.False(data.GetProperty("has_provider_key").GetBoolean());
        Assert.True(data.GetProperty("has_custom_headers").GetBoolean());
        Assert.Equal(["X-Agent-Token", "X-Tenant"], data.GetProperty("custom_header_names").EnumerateArray().Select(e => e.GetString()!));
        Assert.DoesNotContain("tok-secret-123", data.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_are_unique_per_account_case_insensitively_but_free_across_accounts()
    {
        var client = await _fixture.NewKeyAsync();
        var other = await _fixture.NewKeyAsync();
        var name = TrunkRequests.UniqueName("Main");
        await TrunkRequests.CreateAsync(client, TrunkRequests.Custom(name));

        using var duplicate = await client.SendAsync(HttpMethod.Post, "/v1/trunks", TrunkRequests.Custom(name.ToUpperInvariant()));
        var error = await ErrorBody.AssertAsync(duplicate, HttpStatusCode.Conflict, "conflict");
        Assert.Contains("name", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        await TrunkRequests.CreateAsync(other, TrunkRequests.Custom(name));
    }

    [Fact]
    public async Task Sip_usernames_are_unique_across_the_installation_and_freed_by_delete()
    {
        var client = await _fixture.NewKeyAsync();
        var other = await _fixture.NewKeyAsync();
        var username = "carrier-" + Guid.NewGuid().ToString("N")[..10];
        var first = TrunkRequests.Custom();
        first["sip_username"] = username;
        var (_, created) = await TrunkRequests.CreateAsync(client, first);

        var second = TrunkRequests.Custom();
        second["sip_username"] = username.ToUpperInvariant();
        using var taken = await other.SendAsync(HttpMethod.Post, "/v1/trunks", second);
        var error = await ErrorBody.AssertAsync(taken, HttpStatusCode.Conflict, "conflict");
        Assert.Contains("sip_username", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        using var deleted = await client.SendAsync(HttpMethod.Delete, "/v1/trunks/" + created.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var (_, reused) = await TrunkRequests.CreateAsync(other, second);
        Assert.Equal(username.ToUpperInvariant(), reused.GetProperty("sip_username").GetString());
    }

    [Fact]
    public async Task Another_accounts_trunk_answers_404_exactly_like_an_unknown_one()
    {
        var owner = await _fixture.NewKeyAsync();
        var stranger = await _fixture.NewKeyAsync();
        var (_, data) = await TrunkRequests.CreateAsync(owner, TrunkRequests.Custom());
        var id = data.GetProperty("id").GetString()!;
        const string Unknown = "trunk_01aaaaaaaaaaaaaaaaaaaaaaaa";

        foreach (var (method, suffix, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, "", null),
            (HttpMethod.Patch, "", new { name = "stolen" }),
            (HttpMethod.Delete, "", null),
            (HttpMethod.Post, "/rotate-sip-password", null),
            (HttpMethod.Post, "/rotate-password", null),
        })
        {
            using var foreign = await stranger.SendAsync(method, $"/v1/trunks/{id}{suffix}", body);
            var foreignError = await ErrorBody.AssertAsync(foreign, HttpStatusCode.NotFound, "trunk_not_found");
            using var unknown = await stranger.SendAsync(method, $"/v1/trunks/{Unknown}{suffix}", body);
            var unknownError = await ErrorBody.AssertAsync(unknown, HttpStatusCode.NotFound, "trunk_not_found");
            Assert.Equal(unknownError.GetProperty("message").GetString()!.Replace(Unknown, id, StringComparison.Ordinal), foreignError.GetProperty("message").GetString());
        }

        using var list = await stranger.GetAsync("/v1/trunks");
        Assert.DoesNotContain(id, await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var still = await owner.GetAsync("/v1/trunks/" + id);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task Status_webhook_secret_is_shown_when_the_url_is_set_and_changes_with_the_url()
    {
        var client = await _fixture.NewKeyAsync();
        var body = TrunkRequests.Custom();
        body["status_webhook_url"] = "https://hooks.example.com/a";
        var (_, created) = await TrunkRequests.CreateAsync(client, body);
        var id = created.GetProperty("id").GetString()!;
        var first = created.GetProperty("status_webhook_secret").GetString()!;

        var (_, read) = await TrunkRequests.SendAsync(client, HttpMethod.Get, "/v1/trunks/" + id);
        var (_, renamed) = await TrunkRequests.SendAsync(client, HttpMethod.Patch, "/v1/trunks/" + id, new { name = TrunkRequests.UniqueName() });
        var (_, moved) = await TrunkRequests.SendAsync(client, HttpMethod.Patch, "/v1/trunks/" + id, new { status_webhook_url = "https://hooks.example.com/b" });

        Assert.StartsWith("whsec_", first, StringComparison.Ordinal);
        Assert.False(TrunkRequests.Data(read).TryGetProperty("status_webhook_secret", out _));
        Assert.False(TrunkRequests.Data(renamed).TryGetProperty("status_webhook_secret", out _));
        var second = TrunkRequests.Data(moved).GetProperty("status_webhook_secret").GetString()!;
        Assert.StartsWith("whsec_", second, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        var signer = _fixture.Silo.Services.GetRequiredService<Telepath.Grains.Abstractions.Webhooks.ITrunkWebhookTargets>();
        Assert.Equal(second, signer.For(id, "https://hooks.example.com/b")!.Secret);
    }

    [Fact]
    public async Task Patch_changes_only_given_fields_and_null_clears_optional_ones()
    {
        var client = await _fixture.NewKeyAsync();
        var body = TrunkRequests.OpenAi("sk-test-patch-1");
        body["system_prompt"] = "Old prompt";
        body["inbound_numbers"] = new[] { "+14155550100" };
        body["openai_voice"] = "alloy";
        var (_, created) = await TrunkRequests.CreateAsync(client, body);
        var id = created.GetProperty("id").GetString()!;

        var (status, text) = await TrunkRequests.SendAsync(client, HttpMethod.Patch, "/v1/trunks/" + id, "{\"system_prompt\": null, \"status\": \"inactive\", \"openai_model\": \"gpt-realtime-mini\"}");
        Assert.Equal(HttpStatusCode.OK, status);
        var data = TrunkRequests.Data(text);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("system_prompt").ValueKind);
        Assert.Equal("inactive", data.GetProperty("status").GetString());
        Assert.Equal("gpt-realtime-mini", data.GetProperty("openai_model").GetString());
        Assert.Equal("alloy", data.GetProperty("openai_voice").GetString());
        Assert.Equal(["+14155550100"], data.GetProperty("inbound_numbers").EnumerateArray().Select(e => e.GetString()!));
        Assert.True(data.GetProperty("has_provider_key").GetBoolean());
        Assert.Equal(created.GetProperty("name").GetString(), data.GetProperty("name").GetString());
        Assert.True(data.GetProperty("updated_at").GetDateTimeOffset() >= created.GetProperty("updated_at").GetDateTimeOffset());

        var identity = await _fixture.Directory.FindByUsernameAsync(id, CancellationToken.None);
        Assert.Equal(Media.Edge.TrunkAdmission.Inactive, identity!.Status);
    }

    [Fact]
    public async Task Patch_refuses_unknown_fields_id_sip_username_and_password()
    {
        var client = await _fixture.NewKeyAsync();
        var (_, created) = await TrunkRequests.CreateAsync(client, TrunkRequests.Custom());
        var path = "/v1/trunks/" + created.GetProperty("id").GetString();

        foreach (var (body, field) in new[]
        {
            ("{\"colour\": \"blue\"}", "colour"),
            ("{\"id\": \"trunk_x\"}", "id"),
            ("{\"sip_username\": \"someone-else\"}", "sip_username"),
            ("{\"sip_password\": \"a-new-password-123\"}", "sip_password"),
        })
        {
            using var response = await client.SendAsync(HttpMethod.Patch, path, body);
            var error = await ErrorBody.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_parameters");
            Assert.Contains(field, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Patch_to_a_name_taken_in_the_account_is_409_and_renaming_frees_the_old_name()
    {
        var client = await _fixture.NewKeyAsync();
        var (_, a) = await TrunkRequests.CreateAsync(client, TrunkRequests.Custom("alpha"));
        await TrunkRequests.CreateAsync(client, TrunkRequests.Custom("beta"));
        var path = "/v1/trunks/" + a.GetProperty("id").GetString();

        using var clash = await client.SendAsync(HttpMethod.Patch, path, new { name = "BETA" });
        await ErrorBody.AssertAsync(clash, HttpStatusCode.Conflict, "conflict");
        using var rename = await client.SendAsync(HttpMethod.Patch, path, new { name = "gamma" });
        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        await TrunkRequests.CreateAsync(client, TrunkRequests.Custom("alpha"));
    }

    [Fact]
    public async Task Patch_switching_provider_requires_the_new_providers_fields_and_drops_the_old_key()
    {
        var client = await _fixture.NewKeyAsync();
        var (_, created) = await TrunkRequests.CreateAsync(client, TrunkRequests.OpenAi("sk-test-switch"));
        var id = created.GetProperty("id").GetString()!;
        var path = "/v1/trunks/" + id;

        using var incomplete = await client.SendAsync(HttpMethod.Patch, path, new { ai_provider = "elevenlabs", elevenlabs_api_key = "xi-test" });
        var error = await ErrorBody.AssertAsync(incomplete, HttpStatusCode.BadRequest, "missing_required");
        Assert.Contains("elevenlabs_agent_id", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        var (status, text) = await TrunkRequests.SendAsync(client, HttpMethod.Patch, path, new { ai_provider = "elevenlabs", elevenlabs_api_key = "xi-test", elevenlabs_agent_id = "agent_123" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("wss://api.elevenlabs.io/v1/convai/conversation", TrunkRequests.Data(text).GetProperty("websocket_url").GetString());

        var agent = await _fixture.Directory.GetAgentSettingsAsync(id, CancellationToken.None);
        Assert.Equal(Media.Edge.AgentProvider.ElevenLabs, agent!.Provider);
        Assert.Equal("xi-test", agent.ApiKey);
        Assert.Equal("agent_123", agent.ElevenLabsAgentId);
        var grainView = await _fixture.Silo.Grains.GetGrain<Grains.Abstractions.Trunks.ITrunkGrain>(id).GetAsync();
        Assert.Equal(["elevenlabs_api_key"], grainView!.SecretFields);
    }

    [Fact]
    public async Task Delete_answers_200_then_404_and_the_directory_reports_deleted_at_once()
    {
        var client = await _fixture.NewKeyAsync();
        var (_, created) = await TrunkRequests.CreateAsync(client, TrunkRequests.Custom());
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(Media.Edge.TrunkAdmission.Accept, (await _fixture.Directory.FindByUsernameAsync(id, CancellationToken.None))!.Status);

        var (status, text) = await TrunkRequests.SendAsync(client, HttpMethod.Delete, "/v1/trunks/" + id);
        Assert.Equal(HttpStatusCode.OK, status);
        var data = TrunkRequests.Data(text);
        Assert.Equal(id, data.GetProperty("id").GetString());
        Assert.True(data.GetProperty("deleted").GetBoolean());

        var identity = await _fixture.Directory.FindByUsernameAsync(id.ToUpperInvariant(), CancellationToken.None);
        Assert.Equal(Media.Edge.TrunkAdmission.Deleted, identity!.Status);
        Assert.Empty(identity.Credentials);
        Assert.Null(await _fixture.Directory.GetAgentSettingsAsync(id, CancellationToken.None));
        using var again = await client.SendAsync(HttpMethod.Delete, "/v1/trunks/" + id);
        await ErrorBody.AssertAsync(again, HttpStatusCode.NotFound, "trunk_not_found");
        using var get = await client.GetAsync("/v1/trunks/" + id);
        await ErrorBody.AssertAsync(get, HttpStatusCode.NotFound, "trunk_not_found");
    }

    [Fact]
    public async Task Directory_answers_null_for_unknown_and_malformed_usernames()
    {
        Assert.Null(await _fixture.Directory.FindByUsernameAsync("nobody-" + Guid.NewGuid().ToString("N")[..8], CancellationToken.None));
        Assert.Null(await _fixture.Directory.FindByUsernameAsync("bad user\r\n", CancellationToken.None));
        Assert.Null(await _fixture.Directory.FindByUsernameAsync(new string('a', 65), CancellationToken.None));
    }

    [Fact]
    public async Task Directory_hands_out_admission_data_and_decrypted_agent_settings()
    {
        var client = await _fixture.NewKeyAsync();
        var body = TrunkRequests.Custom();
        body["websocket_url"] = "ws://localhost:9/agent";
        body["inbound_numbers"] = new[] { "+442071838750" };
        body["allowed_source_cidrs"] = new[] { "198.51.100.7" };
        body["custom_headers"] = new Dictionary<string, string> { ["Authorization"] = "Bearer agent-token-xyz" };
        body["system_prompt"] = "You are a receptionist.";
        var (_, created) = await TrunkRequests.CreateAsync(client, body);
        var id = created.GetProperty("id").GetString()!;

        var identity = await _fixture.Directory.FindByUsernameAsync(id, CancellationToken.None);
        Assert.Equal(id, identity!.TrunkId);
        Assert.Equal(client.AccountId, identity.AccountId);
        Assert.Equal(["+442071838750"], identity.InboundNumbers);
        Assert.Equal(["198.51.100.7"], identity.AllowedSourceCidrs);
        Assert.Equal(2, identity.Credentials.Count);

        var agent = await _fixture.Directory.GetAgentSettingsAsync(id, CancellationToken.None);
        Assert.Equal(Media.Edge.AgentProvider.Custom, agent!.Provider);
        Assert.Equal(new Uri("ws://localhost:9/agent"), agent.WebSocketUrl);
        Assert.Null(agent.ApiKey);
        Assert.Equal("Bearer agent-token-xyz", agent.CustomHeaders["Authorization"]);
        Assert.Equal("You are a receptionist.", agent.SystemPrompt);
        Assert.DoesNotContain("agent-token-xyz", agent.ToString(), StringComparison.Ordinal);
    }
}
