using System.Net;

namespace Telepath.Api.Tests.Trunks;

/// <summary>Races decided by single grain activations: exactly one of many concurrent creates wins a name or user name.</summary>
public sealed class TrunkConcurrencyTests : IClassFixture<TrunkSiloFixture>
{
    private const int Contenders = 8;
    private readonly TrunkSiloFixture _fixture;

    public TrunkConcurrencyTests(TrunkSiloFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Concurrent_creates_with_one_name_in_one_account_have_exactly_one_winner()
    {
        var client = await _fixture.NewKeyAsync();
        var name = TrunkRequests.UniqueName("race");
        var statuses = await Task.WhenAll(Enumerable.Range(0, Contenders).Select(async _ =>
            (await TrunkRequests.SendAsync(client, HttpMethod.Post, "/v1/trunks", TrunkRequests.Custom(name))).Status));

        Assert.Single(statuses, HttpStatusCode.Created);
        Assert.Equal(Contenders - 1, statuses.Count(s => s == HttpStatusCode.Conflict));
        using var list = await client.GetAsync("/v1/trunks");
        using var document = System.Text.Json.JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        Assert.Equal(1, document.RootElement.GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Concurrent_creates_with_one_sip_username_across_accounts_have_exactly_one_winner()
    {
        var username = "race-" + Guid.NewGuid().ToString("N")[..12];
        var clients = await Task.WhenAll(Enumerable.Range(0, Contenders).Select(_ => _fixture.NewKeyAsync()));
        var statuses = await Task.WhenAll(clients.Select(async (client, i) =>
        {
            var body = TrunkRequests.Custom();
            body["sip_username"] = i % 2 == 0 ? username : username.ToUpperInvariant();
            return (await TrunkRequests.SendAsync(client, HttpMethod.Post, "/v1/trunks", body)).Status;
        }));

        Assert.Single(statuses, HttpStatusCode.Created);
        Assert.Equal(Contenders - 1, statuses.Count(s => s == HttpStatusCode.Conflict));
        // The losers left nothing behind in their accounts' indexes.
        var listed = 0;
        foreach (var client in clients)
        {
            using var list = await client.GetAsync("/v1/trunks");
            using var document = System.Text.Json.JsonDocument.Parse(await list.Content.ReadAsStringAsync());
            listed += document.RootElement.GetProperty("pagination").GetProperty("total").GetInt32();
        }

        Assert.Equal(1, listed);
    }

    [Fact]
    public async Task Concurrent_patches_of_one_trunk_all_apply()
    {
        var client = await _fixture.NewKeyAsync();
        var (_, created) = await TrunkRequests.CreateAsync(client, TrunkRequests.Custom());
        var path = "/v1/trunks/" + created.GetProperty("id").GetString();
        var fields = new[] { "openai_model", "openai_voice", "elevenlabs_agent_id", "system_prompt" };
        var statuses = await Task.WhenAll(fields.Select(async field =>
            (await TrunkRequests.SendAsync(client, HttpMethod.Patch, path, new Dictionary<string, object?> { [field] = "value-" + field })).Status));
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));

        var (_, text) = await TrunkRequests.SendAsync(client, HttpMethod.Get, path);
        var data = TrunkRequests.Data(text);
        foreach (var field in fields)
        {
            Assert.Equal("value-" + field, data.GetProperty(field).GetString());
        }
    }
}
