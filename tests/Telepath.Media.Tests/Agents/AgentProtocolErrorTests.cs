using System.Net.WebSockets;
using Telepath.Media.Agents;
using Telepath.Media.Edge;
using Telepath.TestKit.Agents;

namespace Telepath.Media.Tests.Agents;

/// <summary>
/// A misbehaving agent never throws into the bridge: bad JSON, a binary frame or an oversize message ends the
/// connection with one final Error event and a close frame whose status names the fault (RFC 6455 §7.4.1).
/// </summary>
public sealed class AgentProtocolErrorTests
{
    public static TheoryData<AgentProvider> Providers => [AgentProvider.OpenAi, AgentProvider.ElevenLabs, AgentProvider.Custom];

    /// <summary>RFC 6455 §7.4.1: 1002 (protocol error) for a message that is not JSON.</summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Malformed_json_is_an_error_and_a_protocol_error_close(AgentProvider provider)
    {
        (AgentEvent error, List<AgentEventKind> rest, WebSocketCloseStatus? status, IAgentConnection connection) =
            await RunAsync(provider, static session => session.SendTextAsync("{\"type\":\"response.output_audio.delta\",\"delta\":"));

        Assert.Contains("malformed JSON", error.Text, StringComparison.Ordinal);
        Assert.Empty(rest);
        Assert.Equal(WebSocketCloseStatus.ProtocolError, status);
        Assert.False(connection.SendAudio(new byte[160], 0));
        Assert.False(connection.SendDtmf('1'));
    }

    /// <summary>RFC 6455 §7.4.1: 1003 (cannot accept this data type) for a binary frame in a JSON text dialect.</summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Binary_frame_is_an_error_and_an_invalid_message_type_close(AgentProvider provider)
    {
        (AgentEvent error, List<AgentEventKind> rest, WebSocketCloseStatus? status, _) =
            await RunAsync(provider, static session => session.SendBinaryAsync(new byte[320]));

        Assert.Contains("binary", error.Text, StringComparison.Ordinal);
        Assert.Empty(rest);
        Assert.Equal(WebSocketCloseStatus.InvalidMessageType, status);
    }

    /// <summary>RFC 6455 §7.4.1: 1009 (message too big) for a message over <see cref="AgentOptions.MaxMessageBytes"/>.</summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Oversize_message_is_an_error_and_a_message_too_big_close(AgentProvider provider)
    {
        string huge = "{\"type\":\"x\",\"event\":\"x\",\"pad\":\"" + new string('a', 64 * 1024) + "\"}";

        (AgentEvent error, List<AgentEventKind> rest, WebSocketCloseStatus? status, _) =
            await RunAsync(provider, session => session.SendTextAsync(huge), maxMessageBytes: 16 * 1024);

        Assert.Contains("larger than", error.Text, StringComparison.Ordinal);
        Assert.Empty(rest);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, status);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Invalid_base64_audio_is_an_error(AgentProvider provider)
    {
        string message = provider switch
        {
            AgentProvider.OpenAi => "{\"type\":\"response.output_audio.delta\",\"response_id\":\"r\",\"item_id\":\"i\",\"delta\":\"@@@\"}",
            AgentProvider.ElevenLabs => "{\"type\":\"audio\",\"audio_event\":{\"audio_base_64\":\"@@@\",\"event_id\":1}}",
            _ => "{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"payload\":\"@@@\"}}",
        };

        (AgentEvent error, _, WebSocketCloseStatus? status, _) = await RunAsync(provider, session => session.SendTextAsync(message));

        Assert.Contains("base64", error.Text, StringComparison.Ordinal);
        Assert.Equal(WebSocketCloseStatus.ProtocolError, status);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Messages_up_to_the_limit_are_reassembled_from_fragments(AgentProvider provider)
    {
        // 40 KB of audio in one message: larger than the initial 16 KB receive buffer, under the 4 MiB limit.
        byte[] audio = AgentTestHarness.Pattern(40 * 1024, 2);
        string payload = Convert.ToBase64String(audio);
        string message = provider switch
        {
            AgentProvider.OpenAi => "{\"type\":\"response.output_audio.delta\",\"response_id\":\"r\",\"item_id\":\"i\",\"delta\":\"" + payload + "\"}",
            AgentProvider.ElevenLabs => "{\"type\":\"audio\",\"audio_event\":{\"audio_base_64\":\"" + payload + "\",\"event_id\":1}}",
            _ => "{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"payload\":\"" + payload + "\"}}",
        };
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(async session =>
        {
            await session.SendTextAsync(message);
            await session.Closed;
        });
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(AgentTestHarness.Connector(), SettingsFor(provider, server), AgentTestHarness.Context());

        byte[] received = await connection.Events.ReadAudioAsync(audio.Length);

        Assert.Equal(audio, received);
    }

    private static async Task<(AgentEvent Error, List<AgentEventKind> Remaining, WebSocketCloseStatus? Status, IAgentConnection Connection)> RunAsync(
        AgentProvider provider, Func<FakeAgentSession, Task> fault, int? maxMessageBytes = null)
    {
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(async session =>
        {
            await fault(session);
            await session.Closed;
        });
        AgentOptions options = AgentTestHarness.FastOptions();
        options.MaxMessageBytes = maxMessageBytes ?? options.MaxMessageBytes;
        IAgentConnection connection = await AgentTestHarness.ConnectAsync(AgentTestHarness.Connector(options), SettingsFor(provider, server), AgentTestHarness.Context());
        FakeAgentSession session = await server.NextSessionAsync(AgentTestHarness.Guard());

        AgentEvent error = await connection.Events.NextAsync(AgentEventKind.Error);
        List<AgentEventKind> rest = await connection.Events.DrainAsync();
        WebSocketCloseStatus? status = await session.Closed.WaitAsync(AgentTestHarness.HangGuard);
        await connection.DisposeAsync();
        return (error, rest, status, connection);
    }

    private static AgentSettings SettingsFor(AgentProvider provider, FakeAgentServer server) => provider switch
    {
        AgentProvider.OpenAi => AgentTestHarness.Settings(provider, server.WebSocketUri("/v1/realtime"), apiKey: "k"),
        AgentProvider.ElevenLabs => AgentTestHarness.Settings(provider, server.WebSocketUri("/v1/convai/conversation"), agentId: "agent_abc"),
        _ => AgentTestHarness.Settings(provider, server.WebSocketUri("/bot")),
    };
}
