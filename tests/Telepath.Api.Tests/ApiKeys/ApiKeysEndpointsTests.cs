using System.Net;
using System.Text.Json;
using Telepath.Api.Tests.Support;
using Telepath.Grains.Abstractions.Accounts;
using Telepath.Silo.Tests.Support;

namespace Telepath.Api.Tests.ApiKeys;

/// <summary><c>/v1/api-keys</c> (spec §2): the secret is shown once, lists never show it, revocation, account isolation.</summary>
public sealed class ApiKeysEndpointsTests : IClassFixture<ApiSiloFixture>
{
    private readonly ApiSiloFixture _fixture;

    public ApiKeysEndpointsTests(ApiSiloFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Create_answers_201_with_the_secret_once_and_the_list_never_shows_it()
    {
        var admin = await _fixture.NewKeyAsync();
        using var created = await admin.SendAsync(HttpMethod.Post, "/v1/api-keys", new { name = "ci", scopes = new[] { "calls:read", "trunks:read" }, rate_limit_per_minute = 120 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var data = body.RootElement.GetProperty("data");
        var secret = data.GetProperty("secret").GetString()!;
        var id = data.GetProperty("id").GetString()!;
        Assert.True(ApiKeySecrets.IsWellFormed(secret));
        Assert.StartsWith("key_", id, StringComparison.Ordinal);
        Assert.Equal("/v1/api-keys/" + id, created.Headers.Location?.OriginalString);
        Assert.Equal(["trunks:read", "calls:read"], data.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.Equal(120, data.GetProperty("rate_limit_per_minute").GetInt32());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("last_used_at").ValueKind);
        Assert.EndsWith("Z", data.GetProperty("created_at").GetString(), StringComparison.Ordinal);

        using var list = await admin.GetAsync("/v1/api-keys");
        var listText = await list.Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, listText, StringComparison.Ordinal);
        Assert.DoesNotContain("\"secret\"", listText, StringComparison.Ordinal);
        using var listBody = JsonDocument.Parse(listText);
        Assert.Contains(listBody.RootElement.GetProperty("api_keys").EnumerateArray(), k => k.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task A_created_key_works_and_its_last_used_at_is_set_by_use()
    {
        var admin = await _fixture.NewKeyAsync();
        using var created = await admin.SendAsync(HttpMethod.Post, "/v1/api-keys", new { name = "worker" });
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var secret = body.RootElement.GetProperty("data").GetProperty("secret").GetString()!;
        var id = body.RootElement.GetProperty("data").GetProperty("id").GetString()!;
        Assert.Equal(ApiKeyScopes.All.Count, body.RootElement.GetProperty("data").GetProperty("scopes").GetArrayLength());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/api-keys");
        request.Headers.Add("X-API-Key", secret);
        using var used = await _fixture.Silo.Https.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        using var listBody = JsonDocument.Parse(await used.Content.ReadAsStringAsync());
        var self = listBody.RootElement.GetProperty("data").EnumerateArray().Single(k => k.GetProperty("id").GetString() == id);
        Assert.NotEqual(JsonValueKind.Null, self.GetProperty("last_used_at").ValueKind);
    }

    [Fact]
    public async Task List_carries_both_pagination_shapes_and_walks_by_cursor_without_gaps()
    {
        var admin = await _fixture.NewKeyAsync();
        for (var i = 0; i < 4; i++)
        {
            await admin.SiblingAsync();
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            using var page = await admin.GetAsync("/v1/api-keys?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            using var body = JsonDocument.Parse(await page.Content.ReadAsStringAsync());
            var root = body.RootElement;
            Assert.Equal(root.GetProperty("data").GetRawText(), root.GetProperty("api_keys").GetRawText());
            Assert.Equal(5, root.GetProperty("pagination").GetProperty("total").GetInt32());
            Assert.Equal(2, root.GetProperty("pagination").GetProperty("limit").GetInt32());
            seen.AddRange(root.GetProperty("data").EnumerateArray().Select(k => k.GetProperty("id").GetString()!));
            cursor = root.GetProperty("has_more").GetBoolean() ? root.GetProperty("next_cursor").GetString() : null;
        }
        while (cursor is not null);

        Assert.Equal(5, seen.Count);
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(seen.OrderByDescending(id => id, StringComparer.Ordinal), seen);
    }

    [Theory]
    [InlineData("limit=0", "limit must be between 1 and 100")]
    [InlineData("limit=101", "limit must be between 1 and 100")]
    [InlineData("limit=abc", "limit must be between 1 and 100")]
    [InlineData("offset=-1", "offset")]
    [InlineData("offset=1&cursor=YzE6a2V5Xw", "offset and cursor cannot be used together")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task Bad_paging_parameters_get_400_naming_the_rule(string query, string expected)
    {
        var admin = await _fixture.NewKeyAsync();
        using var response = await admin.GetAsync("/v1/api-keys?" + query);
        var error = await ErrorBody.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_parameters");
        Assert.Contains(expected, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_accounts_key_cannot_be_seen_or_revoked_and_answers_404()
    {
        var mine = await _fixture.NewKeyAsync();
        var theirs = await _fixture.NewKeyAsync();
        using var revoke = await mine.SendAsync(HttpMethod.Delete, "/v1/api-keys/" + theirs.KeyId);
        await ErrorBody.AssertAsync(revoke, HttpStatusCode.NotFound, "api_key_not_found");

        using var list = await mine.GetAsync("/v1/api-keys");
        Assert.DoesNotContain(theirs.KeyId, await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var stillWorks = await theirs.GetAsync("/v1/api-keys");
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
    }

    [Fact]
    public async Task Revoking_twice_answers_404_the_second_time()
    {
        var admin = await _fixture.NewKeyAsync();
        var other = await admin.SiblingAsync();
        using var first = await admin.SendAsync(HttpMethod.Delete, "/v1/api-keys/" + other.KeyId);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var body = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("data").GetProperty("deleted").GetBoolean());
        using var second = await admin.SendAsync(HttpMethod.Delete, "/v1/api-keys/" + other.KeyId);
        await ErrorBody.AssertAsync(second, HttpStatusCode.NotFound, "api_key_not_found");
    }

    [Theory]
    [InlineData("{}", "missing_required", "name is required")]
    [InlineData("{\"name\":\"\"}", "invalid_parameters", "name must be between 1 and 100 characters")]
    [InlineData("{\"name\":\"x\",\"scopes\":[]}", "invalid_parameters", "scopes must not be empty")]
    [InlineData("{\"name\":\"x\",\"scopes\":[\"root\"]}", "invalid_parameters", "scopes contains 'root'")]
    [InlineData("{\"name\":\"x\",\"rate_limit_per_minute\":0}", "invalid_parameters", "rate_limit_per_minute must be between 1 and 100000")]
    [InlineData("{\"name\":\"x\",\"rate_limit_per_minute\":\"ten\"}", "invalid_parameters", "rate_limit_per_minute")]
    [InlineData("{\"name\":42}", "invalid_parameters", "name")]
    [InlineData("{\"name\":\"x\",\"admin\":true}", "invalid_parameters", "Unknown field 'admin'")]
    [InlineData("{\"name\":\"x\",", "invalid_parameters", "Malformed JSON")]
    [InlineData("[\"name\"]", "invalid_parameters", "must be a JSON object")]
    public async Task Create_with_a_bad_body_gets_400_naming_the_field_and_rule(string json, string code, string expected)
    {
        var admin = await _fixture.NewKeyAsync();
        using var response = await admin.SendAsync(HttpMethod.Post, "/v1/api-keys", json);
        var error = await ErrorBody.AssertAsync(response, HttpStatusCode.BadRequest, code);
        Assert.Contains(expected, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
