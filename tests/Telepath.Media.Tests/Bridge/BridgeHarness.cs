using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Media.Agents;
using Telepath.Media.Agents.Custom;
using Telepath.Media.Agents.ElevenLabs;
using Telepath.Media.Agents.OpenAi;
using Telepath.Media.Bridge;
using Telepath.Media.Edge;
using Telepath.Media.Hosting;
using Telepath.Media.Rtp.Engine;
using Telepath.Media.Tests.Sip.UserAgent;
using Telepath.TestKit.Agents;
using Telepath.TestKit.Sip;

namespace Telepath.Media.Tests.Bridge;

/// <summary>
/// The media layer end to end on real loopback sockets: a <see cref="SipServer"/> (UDP) whose UAS shares the
/// <see cref="RtpEngine"/>'s port allocator, the production <see cref="BridgeCallHandler"/> and
/// <see cref="AgentConnector"/>, and a <see cref="FakeAgentServer"/> playing the provider.
/// </summary>
internal sealed class BridgeHarness : IAsyncDisposable
{
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http = new();

    /// <param name="firstPort">Start of a fixed 10-port RTP range below the ephemeral range (see RtpEngineTests), unique per test.</param>
    private BridgeHarness(int firstPort, TimeSpan mediaTimeout, FakeAgentServer agentServer)
    {
        AgentServer = agentServer;
        Engine = new RtpEngine(new RtpEngineOptions
        {
            BindAddress = IPAddress.Loopback,
            FirstPort = firstPort,
            LastPort = firstPort + 9,
            MediaTimeout = mediaTimeout,
            RtcpInterval = TimeSpan.Zero,
        });
        var agentOptions = new AgentOptions { ConnectTimeout = TimeSpan.FromSeconds(5), ConnectRetries = 1, ConnectRetryDelay = TimeSpan.FromMilliseconds(20) };
        Connector = new AgentConnector(agentOptions, new OpenAiAgentOptions { GreetOnConnect = false }, new ElevenLabsAgentOptions(), new CustomAgentOptions(), new EnergyVadOptions(), _http, TimeProvider.System);
        var handler = new BridgeCallHandler(Directory, Connector, Engine, Events, Options, TimeProvider.System);
        var sip = new SipOptions
        {
            Domain = UasHarness.Realm,
            ListenAddress = "127.0.0.1",
            Port = 0,
            Tcp = false,
            NonceSecret = new string('k', 40),
        };
        Server = new SipServer(sip, new RtpOptions(), Directory, Events, handler, TimeProvider.System, NullLoggerFactory.Instance, null, Engine.Ports);
        Server.Start();
    }

    public FakeAgentServer AgentServer { get; }

    public RtpEngine Engine { get; }

    public AgentConnector Connector { get; }

    public SipServer Server { get; }

    public BridgeTrunkDirectory Directory { get; } = new();

    public BridgeCallEvents Events { get; } = new();

    public BridgeOptions Options { get; } = new() { CheckpointInterval = TimeSpan.FromMilliseconds(200), HangupPlayoutTimeout = TimeSpan.FromSeconds(2) };

    public IPEndPoint SipEndPoint => Server.Transports[0].LocalEndPoint;

    /// <summary>Starts a fake agent whose sessions run <paramref name="script"/> (default: wait until closed).</summary>
    public static async Task<BridgeHarness> StartAsync(int firstPort, AgentProvider provider = AgentProvider.Custom, TimeSpan? mediaTimeout = null, Func<FakeAgentSession, Task>? script = null)
    {
        FakeAgentServer server = await FakeAgentServer.StartAsync(script ?? (static s => s.Closed));
        var harness = new BridgeHarness(firstPort, mediaTimeout ?? TimeSpan.FromSeconds(20), server);
        harness.Directory.Agent = Settings(provider, server.WebSocketUri(provider == AgentProvider.OpenAi ? "/v1/realtime" : "/bot"));
        return harness;
    }

    public static AgentSettings Settings(AgentProvider provider, Uri url) =>
        new(UasHarness.Trunk().TrunkId, provider, url, provider == AgentProvider.OpenAi ? "sk-test" : null, "Be brief.", null, null, null, new Dictionary<string, string>());

    public SipTestCaller Caller() => new(SipEndPoint, UasHarness.Realm, UasHarness.Username, UasHarness.Password);

    public static CancellationToken Token() => new CancellationTokenSource(Guard).Token;

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Engine.DisposeAsync();
        await AgentServer.DisposeAsync();
        _http.Dispose();
    }
}
