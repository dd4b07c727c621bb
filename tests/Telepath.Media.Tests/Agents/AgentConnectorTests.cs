using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Telepath.Media.Agents;
using Telepath.Media.Edge;
using Telepath.Media.Rtp.Engine.Epoll;
using Telepath.Media.Tests.Rtp.Engine.Epoll;
using Telepath.TestKit.Agents;
using Telepath.TestKit.Network;

namespace Telepath.Media.Tests.Agents;

/// <summary>
/// Connecting: the retry budget, and the distinguishable unreachable and misconfigured outcomes. The connect failures
/// run twice: over .NET's sockets and over the engine's epoll media threads (the silo's default on Linux), where a
/// call's audio is carried both ways too.
/// </summary>
public sealed class AgentConnectorTests : IDisposable
{
    private static readonly Func<FakeAgentSession, Task> s_idle = static session => session.Closed;
    private EpollMediaThreads? _mediaThreads;

    public void Dispose() => _mediaThreads?.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Connection_refused_is_unreachable_after_the_retry_budget(bool onMediaThreads)
    {
        int port = FreePort.Tcp();
        AgentConnector connector = Connector(onMediaThreads);

        AgentConnectResult result = await connector.ConnectAsync(
            AgentTestHarness.Settings(AgentProvider.Custom, new Uri($"ws://127.0.0.1:{port}/bot")), AgentTestHarness.Context(), AgentTestHarness.Guard());

        Assert.Equal(AgentConnectStatus.Unreachable, result.Status);
        Assert.Null(result.Connection);
        Assert.False(string.IsNullOrEmpty(result.Detail));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Handshake_that_never_completes_times_out_on_every_attempt_then_is_unreachable(bool onMediaThreads)
    {
        using var blackHole = new BlackHoleTcpServer();
        AgentOptions options = AgentTestHarness.FastOptions();
        options.ConnectTimeout = TimeSpan.FromMilliseconds(300);
        options.ConnectRetries = 2;

        AgentConnectResult result = await Connector(onMediaThreads, options).ConnectAsync(
            AgentTestHarness.Settings(AgentProvider.OpenAi, new Uri($"ws://127.0.0.1:{blackHole.Port}/v1/realtime"), apiKey: "k"),
            AgentTestHarness.Context(),
            AgentTestHarness.Guard());

        Assert.Equal(AgentConnectStatus.Unreachable, result.Status);
        Assert.Contains("handshake", result.Detail, StringComparison.Ordinal);

        // The kernel completes each TCP connect before the server's accept loop counts it; on a busy machine the
        // count of the last attempt can trail the connector's result.
        for (int wait = 0; wait < 100 && blackHole.Connections < 3; wait++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(3, blackHole.Connections);
    }

    [Fact]
    public async Task Server_errors_on_the_upgrade_are_retried_and_then_unreachable()
    {
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(s_idle);
        server.RejectUpgradeWith = 503;

        AgentConnectResult result = await AgentTestHarness.Connector().ConnectAsync(
            AgentTestHarness.Settings(AgentProvider.Custom, server.WebSocketUri("/bot")), AgentTestHarness.Context(), AgentTestHarness.Guard());

        Assert.Equal(AgentConnectStatus.Unreachable, result.Status);
        Assert.Equal(3, server.UpgradeAttempts);
    }

    [Fact]
    public async Task Rejected_credentials_are_not_retried()
    {
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(s_idle);
        server.RejectUpgradeWith = 401;

        AgentConnectResult result = await AgentTestHarness.Connector().ConnectAsync(
            AgentTestHarness.Settings(AgentProvider.OpenAi, server.WebSocketUri("/v1/realtime"), apiKey: "wrong"), AgentTestHarness.Context(), AgentTestHarness.Guard());

        Assert.Equal(AgentConnectStatus.Unreachable, result.Status);
        Assert.Contains("401", result.Detail, StringComparison.Ordinal);
        Assert.Equal(1, server.UpgradeAttempts);
    }

    [Fact]
    public async Task A_failing_signed_url_request_is_retried_and_then_unreachable()
    {
        int calls = 0;
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(s_idle);
        server.SignedUrlHandler = context =>
        {
            Interlocked.Increment(ref calls);
            context.Response.StatusCode = 502;
            return Task.CompletedTask;
        };

        AgentConnectResult result = await AgentTestHarness.Connector().ConnectAsync(
            AgentTestHarness.Settings(AgentProvider.ElevenLabs, server.WebSocketUri("/v1/convai/conversation"), apiKey: "xi", agentId: "agent_abc"),
            AgentTestHarness.Context(),
            AgentTestHarness.Guard());

        Assert.Equal(AgentConnectStatus.Unreachable, result.Status);
        Assert.Equal(3, calls);
        Assert.Equal(0, server.UpgradeAttempts);
    }

    /// <summary>
    /// A CANCEL while the agent's TCP connect is still pending: the HTTP pool would finish that connect on its own and
    /// park the connection idle for a minute, an open socket the agent sees as a caller that never speaks. The
    /// listener's accept queue is kept full so that the connect completes only on a SYN retransmission, well after
    /// the cancellation.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task Cancelling_a_pending_connect_leaves_no_connection_open_at_the_agent()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        var fillers = new List<Socket>();
        try
        {
            // Linux queues backlog + 1 completed connections; further SYNs are dropped until accept() makes room.
            while (fillers.Count < 8)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                fillers.Add(filler);
                Task connected = filler.ConnectAsync(endpoint);
                if (await Task.WhenAny(connected, Task.Delay(300)) != connected)
                {
                    break;
                }
            }

            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await AgentTestHarness.Connector().ConnectAsync(
                AgentTestHarness.Settings(AgentProvider.Custom, new Uri($"ws://127.0.0.1:{endpoint.Port}/bot")), AgentTestHarness.Context(), cancel.Token));

            // Make room: the dialer's connect, if it was left running, now completes on its next SYN (1 s, then 3 s).
            var accepted = new List<Socket>();
            using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                while (true)
                {
                    accepted.Add(await listener.AcceptAsync(drain.Token));
                }
            }
            catch (OperationCanceledException)
            {
                // Nothing more arrives.
            }

            // A filler's local port is known once its own connect has completed, which the drain let happen.
            var ours = fillers.Select(f => f.LocalEndPoint).OfType<IPEndPoint>().Select(e => e.Port).ToHashSet();
            foreach (Socket connection in accepted)
            {
                using (connection)
                {
                    if (!ours.Contains(((IPEndPoint)connection.RemoteEndPoint!).Port))
                    {
                        Assert.True(await PeerClose.ClosedByPeerAsync(connection, TimeSpan.FromSeconds(3)), "the dialer's abandoned connection was closed");
                    }
                }
            }
        }
        finally
        {
            foreach (Socket filler in fillers)
            {
                filler.Dispose();
            }
        }
    }

    [Theory]
    [InlineData(AgentProvider.OpenAi, "ws://127.0.0.1:1/v1/realtime", null, null)]
    [InlineData(AgentProvider.ElevenLabs, "ws://127.0.0.1:1/v1/convai/conversation", null, null)]
    [InlineData(AgentProvider.Custom, "http://127.0.0.1:1/bot", null, null)]
    public async Task Settings_that_cannot_work_are_misconfigured_without_dialling(AgentProvider provider, string url, string? apiKey, string? agentId)
    {
        AgentConnectResult result = await AgentTestHarness.Connector().ConnectAsync(
            AgentTestHarness.Settings(provider, new Uri(url), apiKey: apiKey, agentId: agentId), AgentTestHarness.Context(), AgentTestHarness.Guard());

        Assert.Equal(AgentConnectStatus.Misconfigured, result.Status);
        Assert.Null(result.Connection);
    }

    [Fact]
    public async Task A_call_on_the_media_threads_carries_audio_both_ways()
    {
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(s_idle);
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            Connector(onMediaThreads: true), AgentTestHarness.Settings(AgentProvider.Custom, server.WebSocketUri("/bot")), AgentTestHarness.Context());
        FakeAgentSession session = await server.NextSessionAsync(AgentTestHarness.Guard());
        JsonElement start = await session.ReceiveWhereAsync("event", "start", AgentTestHarness.Guard());
        string streamSid = start.GetProperty("start").GetProperty("streamSid").GetString()!;

        byte[] caller = AgentTestHarness.Pattern(160, 3);
        Assert.True(connection.SendAudio(caller, 0));
        JsonElement media = await session.ReceiveWhereAsync("event", "media", AgentTestHarness.Guard());
        Assert.Equal(caller, Convert.FromBase64String(media.GetProperty("media").GetProperty("payload").GetString()!));

        byte[] agent = AgentTestHarness.Pattern(320, 9);
        await session.SendJsonAsync(
            new { @event = "media", streamSid, media = new { payload = Convert.ToBase64String(agent) } }, AgentTestHarness.Guard());
        Assert.Equal(agent, await connection.Events.ReadAudioAsync(agent.Length));
    }

    private AgentConnector Connector(bool onMediaThreads, AgentOptions? options = null)
    {
        AgentConnector connector = AgentTestHarness.Connector(options);
        if (onMediaThreads)
        {
            _mediaThreads ??= TestMediaThreads.Create(2);
            connector.MediaThreads = _mediaThreads;
        }

        return connector;
    }
}
