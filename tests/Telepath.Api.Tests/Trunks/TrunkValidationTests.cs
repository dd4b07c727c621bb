using System.Net;
using Telepath.Silo.Tests.Support;

namespace Telepath.Api.Tests.Trunks;

/// <summary>Every field rule of spec §5 on create and PATCH: the error code, and a message naming the field and rule.</summary>
public sealed class TrunkValidationTests : IClassFixture<TrunkSiloFixture>
{
    private readonly TrunkSiloFixture _fixture;

    public TrunkValidationTests(TrunkSiloFixture fixture)
    {
        _fixture = fixture;
    }

    public static TheoryData<string, string, string> InvalidCreateBodies => new()
    {
        { """{"ai_provider":"custom","websocket_url":"wss://a.example.com"}""", "missing_required", "name is required" },
        { """{"name":"","ai_provider":"custom","websocket_url":"wss://a.example.com"}""", "invalid_parameters", "name must be between 1 and 100 characters" },
        { $$"""{"name":"{{new string('n', 101)}}","ai_provider":"custom","websocket_url":"wss://a.example.com"}""", "invalid_parameters", "name must be between 1 and 100 characters" },
        { """{"name":42,"ai_provider":"custom","websocket_url":"wss://a.example.com"}""", "invalid_parameters", "name must be a string" },
        { """{"name":"x"}""", "missing_required", "ai_provider is required" },
        { """{"name":"x","ai_provider":"anthropic"}""", "invalid_parameters", "ai_provider must be one of: openai, elevenlabs, custom" },
        { """{"name":"x","ai_provider":"openai","provider":"custom","openai_api_key":"k"}""", "invalid_parameters", "synonyms" },
        { """{"name":"x","ai_provider":"openai"}""", "missing_required", "openai_api_key is required" },
        { """{"name":"x","ai_provider":"elevenlabs","elevenlabs_agent_id":"a"}""", "missing_required", "elevenlabs_api_key is required" },
        { """{"name":"x","ai_provider":"elevenlabs","elevenlabs_api_key":"k"}""", "missing_required", "elevenlabs_agent_id is required" },
        { """{"name":"x","ai_provider":"custom"}""", "missing_required", "websocket_url is required" },
        { """{"name":"x","ai_provider":"custom","websocket_url":"ws://agent.example.com/"}""", "invalid_parameters", "websocket_url must be a wss:// URL, or ws:// to a loopback address" },
        { """{"name":"x","ai_provider":"custom","websocket_url":"https://agent.example.com/"}""", "invalid_parameters", "websocket_url must be a wss:// URL" },
        { """{"name":"x","ai_provider":"custom","custom_endpoint":"ws://10.0.0.1/"}""", "invalid_parameters", "custom_endpoint must be a wss:// URL" },
        { """{"name":"x","ai_provider":"custom","websocket_url":"ws://localhost.evil.example/"}""", "invalid_parameters", "websocket_url must be a wss:// URL" },
        { """{"name":"x","ai_provider":"custom","websocket_url":"wss://a.example.com","sip_username":"ab"}""", "invalid_parameters", "sip_username must match ^[A-Za-z0-9._-]{3,64}$" },
        { """{"name":"x","ai_provider":"custom","websocket_url":"wss://a.example.com","sip_username":"bad user"}""", "invalid_parameters", "sip_username must match" },
        { """{"name":"x","ai_provider":"custom","websocket_url":"wss://a.example.com","sip_username":"abc\n"}""", "invalid_parameters", "sip_username must match" },
        { """{"name":"x","ai_provider":"custom","websocket_url":"wss://a.example.com","sip_password":"short-pass1"}""", "invalid_parameters", "sip_password must be between 12 and 128 characters" },
        { """{"name":"x","ai_provider":"custom","websocket_url":"wss://a.example.com","inbound_numbers":["4155550100"]}""", "invalid_parameters", "inbound_numbers[0] must be an E.164 number" },
        { """{"name":"x","ai_provider":"custom","websocket_url":"wss://a.example.com","inbound_numbers":["+14155550100","+0123"]}""", "invalid_parameters", "inbound_numbers[1] must be an E.164 number" },
        { """{"name":"x","ai_provider":"custom","websocket_url":"wss://a.example.com","inbound_numbers":"+14155550100"}""", "invalid_parameters", "inbound_numbers must be an array" },
        { """{"name":"x","ai_provider":"custom","websocket_url":"wss://a.example.com","allowed_source_cidrs":["10.0.0.0/33"]}""", "invalid_parameters", "allowed_source_cidrs[0] must be an IPv4 or IPv6 address or CIDR network" },
        { """{"name":"x","ai_provider":"custom","websocket_url":"wss://a.example.com","allowed_source_cidrs":["carrier.example.com"]}""", "invalid_parameters", "allowed_source_cidrs[0]" },
        { """{"name":"x","ai_provider":"custom","websocket_url":"wss://a.example.com","status_webhook_url":"http://hooks.example.com/"}""", "invalid_parameters", "status_webhook_url must be an absolute https:// URL" },
        { $$"""{"name":"x","ai_provider":"custom","websocket_url":"wss://a.example.com","system_prompt":"{{new string('p', 32769)}}"}""", "invalid_parameters", "system_prompt must be a string of at most 32768 characters" },
        { """{"name":"x","ai_provider":"custom","websocket_url":"wss://a.example.com","custom_headers":{"Bad Header":"v"}}""", "invalid_parameters", "custom_headers has 'Bad Header'" },
        { """{"name":"x","ai_provider":"custom","websocket_url":"wss://a.example.com","custom_headers":{"Sec-WebSocket-Key":"v"}}""", "invalid_parameters", "custom_headers has 'Sec-WebSocket-Key'" },
        { """{"name":"x","ai_provider":"custom","websocket_url":"wss://a.example.com","custom_headers":{"X-A":"v\r\nX-Injected: 1"}}""", "invalid_parameters", "custom_headers.X-A must be a string" },
        { """{"name":"x","ai_provider":"custom","websocket_url":"wss://a.example.com","custom_headers":["X-A"]}""", "invalid_parameters", "custom_headers must be an object" },
        { """{"name":"x","ai_provider":"custom","websocket_url":"wss://a.example.com","status":"error"}""", "invalid_parameters", "status must be one of: active, inactive" },
        { """{"name":"x","ai_provider":"openai","openai_api_key":"k","elevenlabs_api_key":"k2"}""", "invalid_parameters", "elevenlabs_api_key applies only to ai_provider elevenlabs" },
        { """{"name":"x","ai_provider":"custom","websocket_url":"wss://a.example.com","metrics":{}}""", "invalid_parameters", "Unknown field 'metrics'" },
        { """{"name":"x","ai_provider":"custom","websocket_url":"wss://a.example.com","id":"trunk_x"}""", "invalid_parameters", "id is assigned by the server" },
        { """{"name":"x",""", "invalid_parameters", "Malformed JSON" },
        { """[1,2]""", "invalid_parameters", "must be a JSON object" },
    };

    [Theory]
    [MemberData(nameof(InvalidCreateBodies))]
    public async Task Create_refuses_a_broken_rule_naming_field_and_rule(string body, string code, string message)
    {
        var client = await _fixture.NewKeyAsync();
        using var response = await client.SendAsync(HttpMethod.Post, "/v1/trunks", body);
        var error = await ErrorBody.AssertAsync(response, HttpStatusCode.BadRequest, code);
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_refuses_a_body_that_is_not_json_with_415()
    {
        var client = await _fixture.NewKeyAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/trunks") { Content = new StringContent("name=x") };
        request.Headers.Authorization = new("Bearer", client.Secret);
        using var response = await _fixture.Silo.Https.SendAsync(request);
        await ErrorBody.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task Ws_urls_to_loopback_and_wss_urls_are_accepted()
    {
        var client = await _fixture.NewKeyAsync();
        foreach (var url in new[] { "ws://127.0.0.1:8080/a", "ws://127.10.0.1/a", "ws://[::1]:9000/a", "ws://localhost/a", "wss://agent.example.com/a" })
        {
            var body = TrunkRequests.Custom();
            body["websocket_url"] = url;
            var (_, data) = await TrunkRequests.CreateAsync(client, body);
            Assert.Equal(url, data.GetProperty("websocket_url").GetString());
        }
    }

    [Fact]
    public async Task Patch_validates_the_merged_trunk_and_the_same_field_rules()
    {
        var client = await _fixture.NewKeyAsync();
        var (_, created) = await TrunkRequests.CreateAsync(client, TrunkRequests.Custom());
        var path = "/v1/trunks/" + created.GetProperty("id").GetString();

        foreach (var (body, code, message) in new[]
        {
            ("""{"websocket_url":null}""", "missing_required", "websocket_url is required when ai_provider is custom"),
            ("""{"ai_provider":"openai"}""", "missing_required", "openai_api_key is required"),
            ("""{"name":null}""", "invalid_parameters", "name must be a string"),
            ("""{"ai_provider":null}""", "invalid_parameters", "ai_provider must not be null"),
            ("""{"inbound_numbers":["+1"]}""", "invalid_parameters", "inbound_numbers[0] must be an E.164 number"),
            ("""{"status_webhook_url":"ftp://x"}""", "invalid_parameters", "status_webhook_url must be an absolute https:// URL"),
        })
        {
            using var response = await client.SendAsync(HttpMethod.Patch, path, body);
            var error = await ErrorBody.AssertAsync(response, HttpStatusCode.BadRequest, code);
            Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        var (status, text) = await TrunkRequests.SendAsync(client, HttpMethod.Patch, path, """{"inbound_numbers":null,"status_webhook_url":null}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, TrunkRequests.Data(text).GetProperty("inbound_numbers").GetArrayLength());
    }

    [Fact]
    public async Task Rotation_refuses_a_grace_period_outside_zero_to_seven_days_and_unknown_fields()
    {
        var client = await _fixture.NewKeyAsync();
        var (_, created) = await TrunkRequests.CreateAsync(client, TrunkRequests.Custom());
        var path = $"/v1/trunks/{created.GetProperty("id").GetString()}/rotate-sip-password";
        foreach (var (body, message) in new[]
        {
            ("""{"grace_period_seconds":-1}""", "grace_period_seconds must be between 0 and 604800"),
            ("""{"grace_period_seconds":604801}""", "grace_period_seconds must be between 0 and 604800"),
            ("""{"grace":10}""", "Unknown field 'grace'"),
        })
        {
            using var response = await client.SendAsync(HttpMethod.Post, path, body);
            var error = await ErrorBody.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_parameters");
            Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }
}
