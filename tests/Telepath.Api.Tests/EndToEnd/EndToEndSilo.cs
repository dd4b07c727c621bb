using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Telepath.Api.Tests.Support;
using Telepath.Api.Tests.Webhooks;
using Telepath.Silo.Tests.Support;
using Telepath.TestKit;
using Telepath.TestKit.Agents;

namespace Telepath.Api.Tests.EndToEnd;

/// <summary>
/// A real silo as a carrier and a customer see it: SIP on loopback (MD5 challenged first, for SIPp; one digest attempt
/// per call, so a wrong password is refused at once), a fake custom agent (a Twilio-style WebSocket that stays until
/// closed, so the same tests hold once the call bridge dials it), and an HTTPS webhook receiver the silo trusts.
/// </summary>
public sealed class EndToEndSilo : IAsyncLifetime
{
    private readonly TempDirectory _data = new("telepath-e2e");

    /// <summary>The receiver's certificate.</summary>
    public X509Certificate2 Certificate { get; } = WebhookReceiver.CreateCertificate();

    /// <summary>The running silo.</summary>
    public SiloProcess Silo { get; private set; } = null!;

    /// <summary>The fake agent every trunk of these tests points at.</summary>
    public FakeAgentServer Agent { get; private set; } = null!;

    /// <summary>The webhook receiver.</summary>
    public WebhookReceiver Receiver { get; private set; } = null!;

    /// <summary>Switches for a silo that calls can be placed on and that delivers webhooks to loopback receivers.</summary>
    public static string[] Switches(X509Certificate2 certificate) =>
    [
        .. WebhookSiloFixture.Switches(certificate),
        "--Telepath:Sip:MaxAuthAttempts=1",
        "--Telepath:Sip:DrainTimeout=00:00:01",
    ];

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Agent = await FakeAgentServer.StartAsync(static session => session.Closed);
        Receiver = new WebhookReceiver(Certificate);
        await Receiver.StartAsync();
        Silo = await SiloProcess.StartAsync(_data.Path, Switches(Certificate));
    }

    /// <summary>A new account with one key.</summary>
    public Task<ApiKeyClient> NewKeyAsync() => ApiKeyClient.CreateAsync(Silo, null, null, 100_000);

    /// <summary>Creates a <c>custom</c> trunk through the API; returns its id, SIP user name and password.</summary>
    public static Task<(string Id, string Username, string Password)> CreateTrunkAsync(ApiKeyClient key, Uri agent, string name, params string[] inboundNumbers) =>
        CreateTrunkAsync(key, new
        {
            name,
            ai_provider = "custom",
            websocket_url = agent.ToString(),
            inbound_numbers = inboundNumbers,
        });

    /// <summary>Creates a trunk of any provider from a POST body; returns its id, SIP user name and password.</summary>
    public static async Task<(string Id, string Username, string Password)> CreateTrunkAsync(ApiKeyClient key, object trunk)
    {
        using var response = await key.SendAsync(HttpMethod.Post, "/v1/trunks", trunk);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        using var body = JsonDocument.Parse(text);
        var data = body.RootElement.GetProperty("data");
        return (data.GetProperty("id").GetString()!, data.GetProperty("sip_username").GetString()!, data.GetProperty("sip_password").GetString()!);
    }

    /// <summary>GET <paramref name="path"/> with the key; the <c>data</c> member, cloned.</summary>
    public static async Task<JsonElement> GetDataAsync(ApiKeyClient key, string path)
    {
        using var response = await key.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, path + ": " + text);
        using var body = JsonDocument.Parse(text);
        return body.RootElement.GetProperty("data").Clone();
    }

    /// <summary>Polls <paramref name="probe"/> until it holds (aggregates and deliveries are asynchronous), then returns its last value.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> probe, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        var value = await read();
        while (!probe(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            value = await read();
        }

        return value;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Receiver.DisposeAsync();
        await Agent.DisposeAsync();
        Certificate.Dispose();
        _data.Dispose();
    }
}
