using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Media.Agents;
using Telepath.Media.Edge;
using Telepath.Media.Rtp.Engine;
using Telepath.Media.Rtp.Engine.Epoll;
using Telepath.TestKit.Agents;
using Telepath.TestKit.Network;

namespace Telepath.Media.Tests.Agents;

/// <summary>
/// Agent connections dialled onto the engine's epoll media threads (the silo's default on Linux): the handshake,
/// both directions of a call, and the failures the connector must still tell apart.
/// </summary>
public sealed class EpollAgentConnectionTests : IDisposable
{
    private static readonly Func<FakeAgentSession, Task> s_idle = static session => session.Closed;
    private readonly EpollMediaThreads _loops =
        EpollMediaThreads.TryCreate(2, new RealtimeMediaThreads(false, NullLogger.Instance), NullLogger.Instance)
        ?? throw new InvalidOperationException("epoll is not available here");

    public void Dispose() => _loops.Dispose();

    [Fact]
    public async Task A_custom_agent_call_carries_audio_both_ways()
    {
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(s_idle);
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            Connector(), AgentTestHarness.Settings(AgentProvider.Custom, server.WebSocketUri("/bot")), AgentTestHarness.Context());
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

    [Fact]
    public async Task Connection_refused_is_unreachable_after_the_retry_budget()
    {
        int port = FreePort.Tcp();

        AgentConnectResult result = await Connector().ConnectAsync(
            AgentTestHarness.Settings(AgentProvider.Custom, new Uri($"ws://127.0.0.1:{port}/bot")), AgentTestHarness.Context(), AgentTestHarness.Guard());

        Assert.Equal(AgentConnectStatus.Unreachable, result.Status);
        Assert.Null(result.Connection);
    }

    [Fact]
    public async Task A_handshake_that_never_completes_times_out_on_every_attempt()
    {
        using var blackHole = new BlackHoleTcpServer();
        AgentOptions options = AgentTestHarness.FastOptions();
        options.ConnectTimeout = TimeSpan.FromMilliseconds(300);
        options.ConnectRetries = 1;

        AgentConnectResult result = await Connector(options).ConnectAsync(
            AgentTestHarness.Settings(AgentProvider.Custom, new Uri($"ws://127.0.0.1:{blackHole.Port}/bot")),
            AgentTestHarness.Context(),
            AgentTestHarness.Guard());

        Assert.Equal(AgentConnectStatus.Unreachable, result.Status);
        Assert.Contains("handshake", result.Detail, StringComparison.Ordinal);
    }

    private AgentConnector Connector(AgentOptions? options = null)
    {
        AgentConnector connector = AgentTestHarness.Connector(options);
        connector.MediaThreads = _loops;
        return connector;
    }
}
