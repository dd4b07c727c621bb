using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Telepath.Media.Agents;
using Telepath.Media.Edge;
using Telepath.TestKit.Agents;

namespace Telepath.Media.Tests.Agents.ElevenLabs;

/// <summary>The ElevenLabs agent adapter against a fake Agents Platform server over loopback.</summary>
public sealed class ElevenLabsAgentConnectionTests
{
    private static readonly Func<FakeAgentSession, Task> s_idle = static session => session.Closed;

    /// <summary>
    /// Research §2.1–2.2: a public agent is dialled with <c>agent_id</c> and no key; the first message is
    /// <c>conversation_initiation_client_data</c> with the prompt override and the call as dynamic variables.
    /// </summary>
    [Fact]
    public async Task Public_agent_gets_agent_id_query_and_initiation_data_with_prompt_override()
    {
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(s_idle);
        var parameters = new Dictionary<string, string> { ["campaign"] = "spring" };
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            AgentTestHarness.Connector(),
            AgentTestHarness.Settings(AgentProvider.ElevenLabs, server.WebSocketUri("/v1/convai/conversation"), prompt: "You are a receptionist.", agentId: "agent_abc"),
            AgentTestHarness.Context(parameters: parameters));
        FakeAgentSession session = await server.NextSessionAsync(AgentTestHarness.Guard());

        JsonElement first = await session.ReceiveAsync(AgentTestHarness.Guard());

        Assert.Equal("/v1/convai/conversation", session.Path);
        Assert.Equal("?agent_id=agent_abc", session.Query);
        Assert.False(session.Headers.ContainsKey("xi-api-key"));
        Assert.Equal("conversation_initiation_client_data", first.GetProperty("type").GetString());
        Assert.Equal(
            "You are a receptionist.",
            first.GetProperty("conversation_config_override").GetProperty("agent").GetProperty("prompt").GetProperty("prompt").GetString());
        JsonElement variables = first.GetProperty("dynamic_variables");
        Assert.Equal("+15550001111", variables.GetProperty("caller_id").GetString());
        Assert.Equal("+15550002222", variables.GetProperty("called_number").GetString());
        Assert.Equal("call-42", variables.GetProperty("call_id").GetString());
        Assert.Equal("spring", variables.GetProperty("campaign").GetString());
        Assert.Equal(AgentAudioFormat.MuLaw8000, connection.NativeFormat);
        Assert.False(connection.Transcodes);
    }

    /// <summary>Research §2.1: a private agent's key buys a fresh signed URL (xi-api-key), which is dialled unchanged.</summary>
    [Fact]
    public async Task Private_agent_fetches_a_signed_url_with_xi_api_key_and_dials_it()
    {
        string? keySeen = null;
        string? agentSeen = null;
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(s_idle);
        server.SignedUrlHandler = async context =>
        {
            keySeen = context.Request.Headers["xi-api-key"].ToString();
            agentSeen = context.Request.Query["agent_id"].ToString();
            await context.Response.WriteAsJsonAsync(new { signed_url = server.WebSocketUri("/v1/convai/conversation?agent_id=agent_abc&conversation_signature=sig123").ToString() });
        };
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            AgentTestHarness.Connector(),
            AgentTestHarness.Settings(AgentProvider.ElevenLabs, server.WebSocketUri("/v1/convai/conversation"), apiKey: "xi-secret", agentId: "agent_abc"),
            AgentTestHarness.Context());
        FakeAgentSession session = await server.NextSessionAsync(AgentTestHarness.Guard());

        Assert.Equal("xi-secret", keySeen);
        Assert.Equal("agent_abc", agentSeen);
        Assert.Equal("?agent_id=agent_abc&conversation_signature=sig123", session.Query);
        Assert.False(session.Headers.ContainsKey("xi-api-key"));
    }

    /// <summary>Research §2.4: an agent not configured for ulaw_8000 cannot be bridged without resampling: Error and close.</summary>
    [Fact]
    public async Task Initiation_metadata_with_a_pcm_format_is_an_error_asking_for_ulaw_8000()
    {
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(async session =>
        {
            await session.SendMetadataAsync(output: "pcm_16000", input: "ulaw_8000");
            await session.Closed;
        });
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            AgentTestHarness.Connector(), ElevenLabsSettings(server), AgentTestHarness.Context());
        FakeAgentSession session = await server.NextSessionAsync(AgentTestHarness.Guard());

        AgentEvent error = await connection.Events.NextAsync(AgentEventKind.Error);
        WebSocketCloseStatus? status = await session.Closed.WaitAsync(AgentTestHarness.HangGuard);

        Assert.Contains("ulaw_8000", error.Text, StringComparison.Ordinal);
        Assert.Equal(WebSocketCloseStatus.ProtocolError, status);
    }

    /// <summary>Research §2.2/§2.4: ulaw_8000 both ways; μ-law passes through, A-law is transcoded (no resampling).</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Audio_round_trip_is_mulaw_on_the_wire_and_carrier_codec_to_the_bridge(bool aLawTrunk)
    {
        AgentAudioFormat carrier = aLawTrunk ? AgentAudioFormat.ALaw8000 : AgentAudioFormat.MuLaw8000;
        byte[] reply = AgentTestHarness.Pattern(1600, 11);
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(async session =>
        {
            await session.SendMetadataAsync();
            await session.ReceiveWithAsync("user_audio_chunk");
            await session.SendAudioAsync(1, reply[..800]);
            await session.SendAudioAsync(2, reply[800..]);
            await session.Closed;
        });
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            AgentTestHarness.Connector(), ElevenLabsSettings(server), AgentTestHarness.Context(carrier));
        FakeAgentSession session = await server.NextSessionAsync(AgentTestHarness.Guard());
        byte[] frame = AgentTestHarness.Pattern(160, 4);

        Assert.True(connection.SendAudio(frame, 0));
        byte[] received = await connection.Events.ReadAudioAsync(reply.Length);
        // The script consumed the message from the inbox; the session keeps every text frame too.
        JsonElement chunk = JsonDocument.Parse(session.Received.First(m => m.Contains("user_audio_chunk", StringComparison.Ordinal))).RootElement;

        Assert.False(chunk.TryGetProperty("type", out _));
        Assert.Equal(Convert(frame, carrier, AgentAudioFormat.MuLaw8000), chunk.GetProperty("user_audio_chunk").GetBytesFromBase64());
        Assert.Equal(Convert(reply, AgentAudioFormat.MuLaw8000, carrier), received);
        Assert.Equal(aLawTrunk, connection.Transcodes);
    }

    /// <summary>Research §2.3/§2.5: every ping is answered at once with a pong carrying the same event_id.</summary>
    [Fact]
    public async Task Ping_is_answered_with_pong_carrying_the_same_event_id()
    {
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(async session =>
        {
            await session.SendPingAsync(17);
            await session.SendPingAsync(18);
            await session.Closed;
        });
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            AgentTestHarness.Connector(), ElevenLabsSettings(server), AgentTestHarness.Context());
        FakeAgentSession session = await server.NextSessionAsync(AgentTestHarness.Guard());

        JsonElement first = await session.ReceiveWhereAsync("type", "pong", AgentTestHarness.Guard());
        JsonElement second = await session.ReceiveWhereAsync("type", "pong", AgentTestHarness.Guard());

        Assert.Equal(17, first.GetProperty("event_id").GetInt64());
        Assert.Equal(18, second.GetProperty("event_id").GetInt64());
    }

    /// <summary>Research §2.5: interruption flushes playout (Clear) and late audio with event_id ≤ the interrupted id is dropped.</summary>
    [Fact]
    public async Task Interruption_clears_and_drops_stale_audio_but_plays_the_next_turn()
    {
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(async session =>
        {
            await session.SendMetadataAsync();
            await session.SendAudioAsync(1, new byte[160]);
            await session.SendAudioAsync(2, new byte[160]);
            await session.SendInterruptionAsync(3);
            await session.SendAudioAsync(3, new byte[160]);
            await session.SendAudioAsync(4, AgentTestHarness.Pattern(320, 1));
            await session.Closed;
        });
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            AgentTestHarness.Connector(), ElevenLabsSettings(server), AgentTestHarness.Context());

        await connection.Events.ReadAudioAsync(320);
        AgentEvent clear = await connection.Events.ReadAsync(AgentTestHarness.Guard());
        AgentEvent next = await connection.Events.ReadAsync(AgentTestHarness.Guard());
        byte[] fresh = next.Audio.ToArray();
        next.ReturnBuffer();

        Assert.Equal(AgentEventKind.Clear, clear.Kind);
        Assert.Equal(AgentEventKind.AudioChunk, next.Kind);
        Assert.Equal(AgentTestHarness.Pattern(320, 1), fresh);
        Assert.Equal(1, ((AgentConnectionBase)connection).DroppedChunkCount);
    }

    /// <summary>Research §2.3: transcripts of both sides surface as Transcript events with the speaker.</summary>
    [Fact]
    public async Task Agent_response_and_user_transcript_become_transcripts()
    {
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(async session =>
        {
            await session.SendUserTranscriptAsync("I need a plumber");
            await session.SendAgentResponseAsync("Sure, where are you?");
            await session.Closed;
        });
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            AgentTestHarness.Connector(), ElevenLabsSettings(server), AgentTestHarness.Context());

        AgentEvent caller = await connection.Events.NextAsync(AgentEventKind.Transcript);
        AgentEvent agent = await connection.Events.NextAsync(AgentEventKind.Transcript);

        Assert.Equal((TurnSpeaker.Caller, "I need a plumber"), (caller.Speaker, caller.Text));
        Assert.Equal((TurnSpeaker.Agent, "Sure, where are you?"), (agent.Speaker, agent.Text));
    }

    /// <summary>Research §2.5: the agent ending the conversation closes the socket; the bridge sees Hangup last.</summary>
    [Fact]
    public async Task Agent_closing_the_conversation_is_a_hangup()
    {
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(async session =>
        {
            await session.SendMetadataAsync();
            await session.SendAgentResponseAsync("Goodbye!");
            await session.CloseAsync(WebSocketCloseStatus.NormalClosure, "end_call");
        });
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            AgentTestHarness.Connector(), ElevenLabsSettings(server), AgentTestHarness.Context());

        List<AgentEventKind> kinds = await connection.Events.DrainAsync();

        Assert.Equal([AgentEventKind.Transcript, AgentEventKind.Hangup], kinds);
    }

    /// <summary>Research §2.2: DTMF goes out as a non-interrupting contextual_update; client tool calls are refused at once.</summary>
    [Fact]
    public async Task Dtmf_is_a_contextual_update_and_tool_calls_get_an_error_result()
    {
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(async session =>
        {
            await session.SendJsonAsync(new { type = "client_tool_call", client_tool_call = new { tool_name = "lookup", tool_call_id = "tc_9", parameters = new { } } });
            await session.Closed;
        });
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            AgentTestHarness.Connector(), ElevenLabsSettings(server), AgentTestHarness.Context());
        FakeAgentSession session = await server.NextSessionAsync(AgentTestHarness.Guard());

        JsonElement result = await session.ReceiveWhereAsync("type", "client_tool_result", AgentTestHarness.Guard());
        Assert.True(connection.SendDtmf('5'));
        JsonElement update = await session.ReceiveWhereAsync("type", "contextual_update", AgentTestHarness.Guard());

        Assert.Equal("tc_9", result.GetProperty("tool_call_id").GetString());
        Assert.True(result.GetProperty("is_error").GetBoolean());
        Assert.Contains("5", update.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    private static AgentSettings ElevenLabsSettings(FakeAgentServer server) =>
        AgentTestHarness.Settings(AgentProvider.ElevenLabs, server.WebSocketUri("/v1/convai/conversation"), agentId: "agent_abc");

    private static byte[] Convert(byte[] source, AgentAudioFormat from, AgentAudioFormat to)
    {
        byte[] converted = new byte[source.Length];
        AudioTranscoder.Convert(source, from, converted, to);
        return converted;
    }
}
