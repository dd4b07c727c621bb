using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Telepath.Silo.Tests.Support;
using Telepath.TestKit;

namespace Telepath.Silo.Tests.Hosting;

/// <summary>The Orleans Dashboard at <c>/dashboard</c> is served only to an operator holding the configured credential.</summary>
public sealed class OperatorDashboardTests : IAsyncLifetime
{
    private const string User = "ops";
    private const string Password = "correct-horse-battery";
    private readonly TempDirectory _data = new("telepath-dashboard");
    private SiloProcess _silo = null!;

    public async Task InitializeAsync() => _silo = await SiloProcess.StartAsync(
        _data.Path, "--Telepath:Dashboard:Username=" + User, "--Telepath:Dashboard:Password=" + Password);

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Dashboard_without_credential_gets_401_with_a_basic_challenge()
    {
        using var response = await _silo.Https.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
    }

    [Fact]
    public async Task Dashboard_with_wrong_password_gets_401()
    {
        using var request = Authorized(HttpMethod.Get, "/dashboard/", User, "wrong-password-here");
        using var response = await _silo.Https.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_with_operator_credential_shows_the_page_and_this_silo_as_active()
    {
        using var page = await _silo.Https.SendAsync(Authorized(HttpMethod.Get, "/dashboard/", User, Password));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        // The dashboard samples the cluster once a second, so the first answers may not list any silo yet.
        var hosts = new List<JsonElement>();
        for (var attempt = 0; attempt < 50 && hosts.Count == 0; attempt++)
        {
            using var counters = await _silo.Https.SendAsync(Authorized(HttpMethod.Get, "/dashboard/DashboardCounters", User, Password));
            Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
            using var body = JsonDocument.Parse(await counters.Content.ReadAsStringAsync());
            hosts = body.RootElement.GetProperty("hosts").EnumerateArray().Select(h => h.Clone()).ToList();
            if (hosts.Count == 0)
            {
                await Task.Delay(200);
            }
        }

        Assert.Contains(hosts, h => h.GetProperty("status").GetString() == "Active");
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string path, string user, string password)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        return request;
    }
}
