using System.Net.WebSockets;
using System.Text.Json;
using Telepath.Media.Agents;
using Telepath.Media.Agents.OpenAi;
using Telepath.Media.Edge;
using Telepath.TestKit.Agents;

namespace Telepath.Media.Tests.Agents.OpenAi;

/// <summary>The OpenAI Realtime (GA) adapter against a fake Realtime server over loopback.</summary>
public sealed class OpenAiAgentConnectionTests
{
    private static readonly Func<FakeAgentSession, Task> s_idle = static session => session.Closed;

    /// <summary>Research §1.2–1.4: bearer auth, model query, GA session.update with prompt, voice, G.711 both ways, server VAD.</summary>
    [Theory]
    [InlineData(false, "audio/pcmu")]
    [InlineData(true, "audio/pcma")]
    public async Task Session_update_carries_prompt_voice_g711_formats_and_server_vad(bool aLawTrunk, string format)
    {
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(s_idle);
        AgentAudioFormat carrier = aLawTrunk ? AgentAudioFormat.ALaw8000 : AgentAudioFormat.MuLaw8000;
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            AgentTestHarness.Connector(),
            AgentTestHarness.Settings(AgentProvider.OpenAi, server.WebSocketUri("/v1/realtime"), apiKey: "sk-test", prompt: "Be brief.", model: "gpt-realtime-mini", voice: "cedar"),
            AgentTestHarness.Context(carrier));
        FakeAgentSession session = await server.NextSessionAsync(AgentTestHarness.Guard());

        JsonElement update = await session.ReceiveAsync(AgentTestHarness.Guard());
        JsonElement greet = await session.ReceiveAsync(AgentTestHarness.Guard());

        Assert.Equal("Bearer sk-test", session.Headers["authorization"]);
        Assert.False(session.Headers.ContainsKey("openai-beta"));
        Assert.Equal("/v1/realtime", session.Path);
        Assert.Equal("?model=gpt-realtime-mini", session.Query);
        Assert.Equal("session.update", update.GetProperty("type").GetString());
        JsonElement body = update.GetProperty("session");
        Assert.Equal("realtime", body.GetProperty("type").GetString());
        Assert.Equal("Be brief.", body.GetProperty("instructions").GetString());
        Assert.Equal("audio", body.GetProperty("output_modalities")[0].GetString());
        JsonElement input = body.GetProperty("audio").GetProperty("input");
        JsonElement output = body.GetProperty("audio").GetProperty("output");
        Assert.Equal(format, input.GetProperty("format").GetProperty("type").GetString());
        Assert.Equal(format, output.GetProperty("format").GetProperty("type").GetString());
        Assert.Equal("cedar", output.GetProperty("voice").GetString());
        Assert.Equal("server_vad", input.GetProperty("turn_detection").GetProperty("type").GetString());
        Assert.Equal(500, input.GetProperty("turn_detection").GetProperty("silence_duration_ms").GetInt32());
        Assert.Equal("response.create", greet.GetProperty("type").GetString());
        Assert.False(connection.Transcodes);
    }

    /// <summary>Research §1.3, §1.5–1.6: caller frames go out as base64 appends and 1 s of deltas comes back byte for byte (μ-law and A-law passthrough).</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Audio_round_trip_passes_g711_bytes_through_unchanged(bool aLawTrunk)
    {
        byte[] reply = AgentTestHarness.Pattern(8000, 5);
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(async session =>
        {
            await session.SendSessionCreatedAsync();
            await session.ReceiveWhereAsync("type", "input_audio_buffer.append");
            await session.SendResponseCreatedAsync("resp_1");
            await session.SendAudioDeltasAsync("resp_1", "item_1", reply, 10);
            await session.SendResponseDoneAsync("resp_1");
            await session.Closed;
        });
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            AgentTestHarness.Connector(),
            AgentTestHarness.Settings(AgentProvider.OpenAi, server.WebSocketUri(), apiKey: "k"),
            AgentTestHarness.Context(aLawTrunk ? AgentAudioFormat.ALaw8000 : AgentAudioFormat.MuLaw8000));
        FakeAgentSession session = await server.NextSessionAsync(AgentTestHarness.Guard());
        byte[] frame = AgentTestHarness.Pattern(160, 9);

        Assert.True(connection.SendAudio(frame, 0));
        await connection.Events.NextAsync(AgentEventKind.ResponseStarted);
        byte[] received = await connection.Events.ReadAudioAsync(reply.Length);
        await connection.Events.NextAsync(AgentEventKind.ResponseDone);

        string append = session.Received.First(m => m.Contains("input_audio_buffer.append", StringComparison.Ordinal));
        Assert.Equal(frame, JsonDocument.Parse(append).RootElement.GetProperty("audio").GetBytesFromBase64());
        Assert.Equal(reply, received);
        Assert.False(connection.Transcodes);
    }

    /// <summary>Research §1.6: the beta event names are still accepted on input (audio and transcripts).</summary>
    [Fact]
    public async Task Beta_spelled_audio_and_transcript_events_are_accepted()
    {
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(async session =>
        {
            await session.SendJsonAsync(new { type = "response.audio.delta", response_id = "r1", item_id = "i1", delta = System.Convert.ToBase64String(new byte[] { 1, 2, 3 }) });
            await session.SendJsonAsync(new { type = "response.audio_transcript.done", response_id = "r1", item_id = "i1", transcript = "Hello there" });
            await session.SendJsonAsync(new { type = "conversation.item.input_audio_transcription.completed", item_id = "u1", transcript = "Hi" });
            await session.Closed;
        });
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            AgentTestHarness.Connector(), AgentTestHarness.Settings(AgentProvider.OpenAi, server.WebSocketUri(), apiKey: "k"), AgentTestHarness.Context());

        byte[] audio = await connection.Events.ReadAudioAsync(3);
        AgentEvent agent = await connection.Events.NextAsync(AgentEventKind.Transcript);
        AgentEvent caller = await connection.Events.NextAsync(AgentEventKind.Transcript);

        Assert.Equal(new byte[] { 1, 2, 3 }, audio);
        Assert.Equal((TurnSpeaker.Agent, "Hello there"), (agent.Speaker, agent.Text));
        Assert.Equal((TurnSpeaker.Caller, "Hi"), (caller.Speaker, caller.Text));
        Assert.Equal(0, ((AgentConnectionBase)connection).UnknownEventCount);
    }

    /// <summary>
    /// Spec §6 AI latency starts when the caller stopped speaking. <c>audio_end_ms</c> marks where the server's VAD
    /// fired on the input clock, silence window included, so the adapter dates the stop to the arrival of the audio
    /// <c>silence_duration_ms</c> earlier, not to the event's arrival.
    /// </summary>
    [Fact]
    public async Task Speech_stopped_is_dated_to_when_the_audio_where_speech_ended_arrived()
    {
        var allSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(async session =>
        {
            int appends = 0;
            while (appends < 100)
            {
                JsonElement message = await session.ReceiveAsync();
                appends += message.GetProperty("type").GetString() == "input_audio_buffer.append" ? 1 : 0;
            }

            // 2 s of audio sent; speech ended at 1.5 s and the VAD waited its 500 ms of silence.
            await session.SendSpeechStoppedAsync("item_user", audioEndMs: 2000);
            await session.SendSpeechStoppedAsync("item_user", audioEndMs: 9000);
            await session.Closed;
        });
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            AgentTestHarness.Connector(openAi: new OpenAiAgentOptions { GreetOnConnect = false, VadSilenceDurationMs = 500 }),
            AgentTestHarness.Settings(AgentProvider.OpenAi, server.WebSocketUri(), apiKey: "k"),
            AgentTestHarness.Context());
        await server.NextSessionAsync(AgentTestHarness.Guard());

        long beforeFrame75 = 0;
        long afterFrame75 = 0;
        for (int frame = 0; frame < 100; frame++)
        {
            long before = TimeProvider.System.GetTimestamp();
            Assert.True(connection.SendAudio(new byte[160], 0));
            if (frame == 74)
            {
                (beforeFrame75, afterFrame75) = (before, TimeProvider.System.GetTimestamp());
            }
        }

        AgentEvent stopped = await connection.Events.NextAsync(AgentEventKind.SpeechStopped);
        AgentEvent unknown = await connection.Events.NextAsync(AgentEventKind.SpeechStopped);
        long handled = TimeProvider.System.GetTimestamp();

        // 1 500 ms is the end of the 75th frame: the stop is dated to when that frame was handed over.
        Assert.InRange(stopped.OccurredAt, beforeFrame75, afterFrame75);

        // A position past the audio sent cannot be mapped: the estimate is the event's arrival less the silence.
        Assert.True(unknown.OccurredAt > 0);
        Assert.True(handled - unknown.OccurredAt >= TimeProvider.System.TimestampFrequency / 2);
    }

    /// <summary>Research §1.7: a speech start with nothing queued or generating sends no truncate, only the events.</summary>
    [Fact]
    public async Task Speech_started_with_nothing_playing_sends_no_truncate()
    {
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(async session =>
        {
            await session.SendSpeechStartedAsync("item_user");
            await session.SendSpeechStoppedAsync("item_user");
            await session.Closed;
        });
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            AgentTestHarness.Connector(openAi: new OpenAiAgentOptions { GreetOnConnect = false }),
            AgentTestHarness.Settings(AgentProvider.OpenAi, server.WebSocketUri(), apiKey: "k"),
            AgentTestHarness.Context());
        FakeAgentSession session = await server.NextSessionAsync(AgentTestHarness.Guard());

        await connection.Events.NextAsync(AgentEventKind.SpeechStopped);
        Assert.True(connection.SendDtmf('1'));
        await session.ReceiveWhereAsync("type", "conversation.item.create", AgentTestHarness.Guard());

        Assert.DoesNotContain(session.Received, m => m.Contains("conversation.item.truncate", StringComparison.Ordinal));
        Assert.DoesNotContain(session.Received, m => m.Contains("response.cancel", StringComparison.Ordinal));
    }

    /// <summary>
    /// Research §1.7: on speech_started the adapter truncates the item being heard at exactly the played duration,
    /// cancels the still-generating response, tells the bridge to flush, and drops that response's late deltas.
    /// </summary>
    [Fact]
    public async Task Barge_in_truncates_at_the_played_duration_cancels_and_drops_late_deltas()
    {
        var bargeIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(async session =>
        {
            await session.SendResponseCreatedAsync("resp_1");
            await session.SendAudioDeltasAsync("resp_1", "item_A", new byte[8000], 10);
            await bargeIn.Task;
            await session.SendSpeechStartedAsync("item_user");
            await session.SendAudioDeltasAsync("resp_1", "item_A", new byte[800], 1);
            await session.SendSpeechStoppedAsync("item_user");
            await session.Closed;
        });
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            AgentTestHarness.Connector(), AgentTestHarness.Settings(AgentProvider.OpenAi, server.WebSocketUri(), apiKey: "k"), AgentTestHarness.Context());
        FakeAgentSession session = await server.NextSessionAsync(AgentTestHarness.Guard());
        await connection.Events.ReadAudioAsync(8000);

        for (int i = 0; i < 20; i++)
        {
            connection.MarkPlayed(160);
        }

        bargeIn.SetResult();
        await connection.Events.NextAsync(AgentEventKind.SpeechStarted);
        AgentEvent clear = await connection.Events.ReadAsync(AgentTestHarness.Guard());
        AgentEvent afterClear = await connection.Events.ReadAsync(AgentTestHarness.Guard());
        JsonElement truncate = await session.ReceiveWhereAsync("type", "conversation.item.truncate", AgentTestHarness.Guard());
        JsonElement cancel = await session.ReceiveWhereAsync("type", "response.cancel", AgentTestHarness.Guard());

        Assert.Equal(AgentEventKind.Clear, clear.Kind);
        Assert.Equal(AgentEventKind.SpeechStopped, afterClear.Kind);
        Assert.Equal("item_A", truncate.GetProperty("item_id").GetString());
        Assert.Equal(0, truncate.GetProperty("content_index").GetInt32());
        Assert.Equal(400, truncate.GetProperty("audio_end_ms").GetInt32());
        Assert.Equal(JsonValueKind.Object, cancel.ValueKind);
        Assert.Equal(1, ((AgentConnectionBase)connection).DroppedChunkCount);
        Assert.Null(session.ScriptError);
    }

    /// <summary>A fatal provider error ends the connection with Error and a protocol-error close; harmless ones are only logged.</summary>
    [Fact]
    public async Task Fatal_error_event_ends_with_error_and_close_while_harmless_errors_are_ignored()
    {
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(async session =>
        {
            await session.SendErrorAsync("invalid_request_error", "response_cancel_not_active", "nothing to cancel");
            await session.SendJsonAsync(new { type = "brand_new.event" });
            await session.SendErrorAsync("invalid_request_error", "session_expired", "60 minutes are up");
            await session.Closed;
        });
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            AgentTestHarness.Connector(), AgentTestHarness.Settings(AgentProvider.OpenAi, server.WebSocketUri(), apiKey: "k"), AgentTestHarness.Context());
        FakeAgentSession session = await server.NextSessionAsync(AgentTestHarness.Guard());

        AgentEvent error = await connection.Events.NextAsync(AgentEventKind.Error);
        List<AgentEventKind> rest = await connection.Events.DrainAsync();
        WebSocketCloseStatus? status = await session.Closed.WaitAsync(AgentTestHarness.HangGuard);

        Assert.Contains("session_expired", error.Text, StringComparison.Ordinal);
        Assert.Empty(rest);
        Assert.Equal(WebSocketCloseStatus.ProtocolError, status);
        Assert.Equal(1, ((AgentConnectionBase)connection).UnknownEventCount);
        Assert.False(connection.SendAudio(new byte[160], 0));
    }

    /// <summary>Research §1.6: DTMF has no Realtime event, so it is sent as a user text item followed by response.create.</summary>
    [Fact]
    public async Task Dtmf_is_sent_as_a_user_text_item_and_a_response_request()
    {
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(s_idle);
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            AgentTestHarness.Connector(openAi: new OpenAiAgentOptions { GreetOnConnect = false }),
            AgentTestHarness.Settings(AgentProvider.OpenAi, server.WebSocketUri(), apiKey: "k"),
            AgentTestHarness.Context());
        FakeAgentSession session = await server.NextSessionAsync(AgentTestHarness.Guard());

        Assert.True(connection.SendDtmf('7'));
        JsonElement item = await session.ReceiveWhereAsync("type", "conversation.item.create", AgentTestHarness.Guard());
        JsonElement next = await session.ReceiveAsync(AgentTestHarness.Guard());

        JsonElement content = item.GetProperty("item").GetProperty("content")[0];
        Assert.Equal("input_text", content.GetProperty("type").GetString());
        Assert.Contains("7", content.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("response.create", next.GetProperty("type").GetString());
    }
}
