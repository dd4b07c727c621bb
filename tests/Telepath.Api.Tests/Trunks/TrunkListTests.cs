using System.Net;
using System.Text.Json;
using Telepath.Api.Tests.Support;
using Telepath.Silo.Tests.Support;

namespace Telepath.Api.Tests.Trunks;

/// <summary>
/// <c>GET /v1/trunks</c> (spec §4): both list shapes, offset and cursor walks over 250 trunks, cursor stability while
/// trunks are created mid-walk, and the status / provider / date filters.
/// </summary>
public sealed class TrunkListTests : IClassFixture<TrunkSiloFixture>
{
    private const int TrunkCount = 250;
    private readonly TrunkSiloFixture _fixture;

    public TrunkListTests(TrunkSiloFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Offset_and_cursor_walks_see_every_trunk_once_newest_first_even_with_creates_mid_walk()
    {
        var client = await _fixture.NewKeyAsync();
        var created = new List<string>();
        // Created in parallel batches to keep the test quick; ids are ULIDs so list order is still creation order.
        for (var batch = 0; batch < TrunkCount / 25; batch++)
        {
            var ids = await Task.WhenAll(Enumerable.Range(0, 25).Select(async _ =>
                (await TrunkRequests.CreateAsync(client, TrunkRequests.Custom())).Data.GetProperty("id").GetString()!));
            created.AddRange(ids);
        }

        var expected = created.OrderByDescending(id => id, StringComparer.Ordinal).ToList();

        var offsetSeen = new List<string>();
        for (var offset = 0; ; offset += 100)
        {
            using var page = await ReadAsync(client, $"/v1/trunks?limit=100&offset={offset}");
            var root = page.RootElement;
            Assert.Equal(TrunkCount, root.GetProperty("pagination").GetProperty("total").GetInt32());
            Assert.Equal(100, root.GetProperty("pagination").GetProperty("limit").GetInt32());
            Assert.Equal(offset, root.GetProperty("pagination").GetProperty("offset").GetInt32());
            var ids = Ids(root.GetProperty("trunks"));
            Assert.Equal(ids, Ids(root.GetProperty("data")));
            offsetSeen.AddRange(ids);
            if (offset + 100 >= root.GetProperty("pagination").GetProperty("total").GetInt32())
            {
                Assert.False(root.GetProperty("has_more").GetBoolean());
                break;
            }

            Assert.True(root.GetProperty("has_more").GetBoolean());
        }

        Assert.Equal(expected, offsetSeen);

        var cursorSeen = new List<string>();
        string? cursor = null;
        do
        {
            using var page = await ReadAsync(client, cursor is null ? "/v1/trunks?limit=30" : $"/v1/trunks?limit=30&cursor={cursor}");
            cursorSeen.AddRange(Ids(page.RootElement.GetProperty("data")));
            cursor = page.RootElement.GetProperty("next_cursor").GetString();
            Assert.Equal(cursor is not null, page.RootElement.GetProperty("has_more").GetBoolean());
            // New trunks land at the front of the list; they must not shift the walk.
            await TrunkRequests.CreateAsync(client, TrunkRequests.Custom());
        }
        while (cursor is not null);

        Assert.Equal(expected, cursorSeen);
    }

    [Fact]
    public async Task Filters_by_status_provider_and_created_at_range()
    {
        var client = await _fixture.NewKeyAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var (_, active) = await TrunkRequests.CreateAsync(client, TrunkRequests.Custom());
        var inactiveBody = TrunkRequests.OpenAi("sk-test-filter");
        inactiveBody["status"] = "inactive";
        var (_, inactive) = await TrunkRequests.CreateAsync(client, inactiveBody);
        var after = DateTimeOffset.UtcNow.AddSeconds(1);

        Assert.Equal([inactive.GetProperty("id").GetString()!], await IdsAsync(client, "/v1/trunks?status=inactive"));
        Assert.Equal([active.GetProperty("id").GetString()!], await IdsAsync(client, "/v1/trunks?status=active"));
        Assert.Empty(await IdsAsync(client, "/v1/trunks?status=error"));
        Assert.Equal([inactive.GetProperty("id").GetString()!], await IdsAsync(client, "/v1/trunks?ai_provider=openai"));
        Assert.Equal([active.GetProperty("id").GetString()!], await IdsAsync(client, "/v1/trunks?provider=custom"));
        Assert.Equal(2, (await IdsAsync(client, $"/v1/trunks?from={Iso(before)}&to={Iso(after)}")).Count);
        Assert.Equal(2, (await IdsAsync(client, $"/v1/trunks?start_date={Iso(before)}&end_date={Iso(after)}")).Count);
        Assert.Empty(await IdsAsync(client, $"/v1/trunks?from={Iso(after)}"));
        Assert.Empty(await IdsAsync(client, $"/v1/trunks?to={Iso(before)}"));
        Assert.Equal(2, (await IdsAsync(client, $"/v1/trunks?from={before.UtcDateTime:yyyy-MM-dd}&to={after.UtcDateTime:yyyy-MM-dd}")).Count);

        using var patched = await client.SendAsync(HttpMethod.Patch, "/v1/trunks/" + active.GetProperty("id").GetString(), new { status = "inactive" });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(2, (await IdsAsync(client, "/v1/trunks?status=inactive")).Count);
    }

    [Theory]
    [InlineData("/v1/trunks?status=broken", "status must be one of: active, inactive, error")]
    [InlineData("/v1/trunks?ai_provider=gemini", "ai_provider must be one of")]
    [InlineData("/v1/trunks?from=yesterday", "from must be an ISO 8601 date")]
    [InlineData("/v1/trunks?end_date=2024-13-01", "end_date must be an ISO 8601 date")]
    [InlineData("/v1/trunks?from=2024-02-01&to=2024-01-01", "from must not be after to")]
    [InlineData("/v1/trunks?limit=0", "limit must be between 1 and 100")]
    [InlineData("/v1/trunks?limit=101", "limit must be between 1 and 100")]
    [InlineData("/v1/trunks?offset=-1", "offset must be a whole number")]
    [InlineData("/v1/trunks?offset=0&cursor=YzE6eA", "offset and cursor cannot be used together")]
    [InlineData("/v1/trunks?cursor=not-ours", "cursor is not a cursor this API returned")]
    public async Task Bad_list_parameters_are_400_invalid_parameters(string path, string message)
    {
        var client = await _fixture.NewKeyAsync();
        using var response = await client.GetAsync(path);
        var error = await ErrorBody.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_parameters");
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static string Iso(DateTimeOffset value) => Uri.EscapeDataString(value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<JsonDocument> ReadAsync(ApiKeyClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text);
    }

    private static async Task<List<string>> IdsAsync(ApiKeyClient client, string path)
    {
        using var document = await ReadAsync(client, path);
        return Ids(document.RootElement.GetProperty("trunks"));
    }

    private static List<string> Ids(JsonElement array) => array.EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
}
