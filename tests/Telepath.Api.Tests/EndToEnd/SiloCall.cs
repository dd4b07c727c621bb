using System.Globalization;
using System.Text.Json;
using Telepath.Api.Tests.Support;
using Telepath.TestKit.Agents;
using Telepath.TestKit.Sip;

namespace Telepath.Api.Tests.EndToEnd;

/// <summary>
/// One call through the real silo, set up the way a customer and a carrier would: an account key, a trunk created
/// with the REST API whose agent is this call's own fake provider, a SIP caller with the trunk's digest credentials
/// and an RTP socket. The record is then read back with <c>GET /v1/calls</c>.
/// </summary>
internal sealed class SiloCall : IAsyncDisposable
{
    public const string Called = "+15550100";

    private SiloCall(ApiKeyClient key, string trunkId, FakeAgentServer agent, SipTestCaller sip)
    {
        Key = key;
        TrunkId = trunkId;
        Agent = agent;
        Sip = sip;
    }

    public ApiKeyClient Key { get; }

    public string TrunkId { get; }

    public FakeAgentServer Agent { get; }

    public SipTestCaller Sip { get; }

    public RtpCaller Rtp { get; } = new();

    /// <summary>The silo's RTP port for this call, from its 200 OK.</summary>
    public int MediaPort { get; private set; }

    /// <summary>
    /// A new account and trunk for <paramref name="provider"/> (<c>custom</c>, <c>openai</c> or <c>elevenlabs</c>) whose
    /// agent is a fresh fake server running <paramref name="script"/>; <paramref name="agentUrl"/> overrides its URL.
    /// </summary>
    public static async Task<SiloCall> CreateAsync(EndToEndSilo silo, string provider, Func<FakeAgentSession, Task>? script = null, Uri? agentUrl = null)
    {
        var agent = await FakeAgentServer.StartAsync(script ?? (static s => s.Closed));
        var key = await silo.NewKeyAsync();
        object body = provider switch
        {
            "openai" => new
            {
                name = "OpenAI",
                ai_provider = provider,
                openai_api_key = "sk-test",
                websocket_url = (agentUrl ?? agent.WebSocketUri("/v1/realtime")).ToString(),
                system_prompt = "Be brief.",
                inbound_numbers = new[] { Called },
            },
            "elevenlabs" => new
            {
                name = "ElevenLabs",
                ai_provider = provider,
                elevenlabs_api_key = "xi-test",
                elevenlabs_agent_id = "agent_e2e",
                websocket_url = (agentUrl ?? agent.WebSocketUri("/v1/convai/conversation")).ToString(),
                inbound_numbers = new[] { Called },
            },
            _ => new
            {
                name = "Custom",
                ai_provider = provider,
                websocket_url = (agentUrl ?? agent.WebSocketUri("/bot")).ToString(),
                inbound_numbers = new[] { Called },
            },
        };
        var trunk = await EndToEndSilo.CreateTrunkAsync(key, body);
        var sip = silo.Silo.SipEndPoint;
        var domain = string.Create(CultureInfo.InvariantCulture, $"{sip.Address}:{sip.Port}");
        return new SiloCall(key, trunk.Id, agent, new SipTestCaller(sip, domain, trunk.Username, trunk.Password, Called));
    }

    /// <summary>A token that fails a wait after 10 s: every wait on the agent is bounded.</summary>
    public static CancellationToken Guard() => new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token;

    /// <summary>Places the call offering <paramref name="codecs"/> (RTP/AVP payload types); returns the final response.</summary>
    public async Task<string> InviteAsync(string codecs = "0 101")
    {
        var final = await Sip.InviteAsync(SipTestCaller.Offer(Rtp.Port, codecs));
        if (SipTestCaller.Status(final) == 200)
        {
            MediaPort = SipTestCaller.MediaPort(final);
        }

        return final;
    }

    /// <summary>Places the call, requires a 200 OK, and returns the agent's session.</summary>
    public async Task<FakeAgentSession> AnswerAsync(string codecs = "0 101")
    {
        var final = await InviteAsync(codecs);
        Assert.True(SipTestCaller.Status(final) == 200, final);
        return await Agent.NextSessionAsync(Guard());
    }

    /// <summary>The trunk's only call record once it is final (<c>completed</c>, <c>failed</c> or <c>dropped</c>), in detail.</summary>
    public async Task<JsonElement> FinalRecordAsync()
    {
        var calls = await EndToEndSilo.EventuallyAsync(
            () => EndToEndSilo.GetDataAsync(Key, "/v1/calls?trunk_id=" + TrunkId),
            list => list.GetArrayLength() == 1 && list[0].GetProperty("status").GetString() is "completed" or "failed" or "dropped");
        var call = Assert.Single(calls.EnumerateArray());
        return await EndToEndSilo.GetDataAsync(Key, "/v1/calls/" + call.GetProperty("id").GetString());
    }

    public async ValueTask DisposeAsync()
    {
        await Sip.DisposeAsync();
        await Rtp.DisposeAsync();
        await Agent.DisposeAsync();
    }
}
