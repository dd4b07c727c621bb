using System.Net.WebSockets;
using System.Text.Json;
using Telepath.Media.Agents;
using Telepath.Media.Codecs;
using Telepath.Media.Edge;
using Telepath.TestKit.Agents;

namespace Telepath.Media.Tests.Agents.Custom;

/// <summary>The custom adapter against a fake bot speaking the Twilio Media Streams dialect ([TW-MS]) over loopback.</summary>
public sealed class CustomAgentConnectionTests
{
    private static readonly Func<FakeAgentSession, Task> s_idle = static session => session.Closed;

    /// <summary>[TW-MS] §3.1: connected first, then start with SIDs, tracks, mediaFormat and customParameters.</summary>
    [Fact]
    public async Task Sends_connected_then_start_with_sids_media_format_custom_parameters_and_handshake_headers()
    {
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(s_idle);
        var headers = new Dictionary<string, string> { ["X-Tenant"] = "acme" };
        var parameters = new Dictionary<string, string> { ["campaign"] = "spring" };
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            AgentTestHarness.Connector(),
            AgentTestHarness.Settings(AgentProvider.Custom, server.WebSocketUri("/bot"), apiKey: "tok", headers: headers),
            AgentTestHarness.Context(parameters: parameters));
        FakeAgentSession session = await server.NextSessionAsync(AgentTestHarness.Guard());

        JsonElement connected = await session.ReceiveAsync(AgentTestHarness.Guard());
        JsonElement start = await session.ReceiveAsync(AgentTestHarness.Guard());

        Assert.Equal("acme", session.Headers["x-tenant"]);
        Assert.Equal("Bearer tok", session.Headers["authorization"]);
        Assert.Equal("connected", connected.GetProperty("event").GetString());
        Assert.Equal("Call", connected.GetProperty("protocol").GetString());
        Assert.Equal("1.0.0", connected.GetProperty("version").GetString());
        Assert.Equal("start", start.GetProperty("event").GetString());
        Assert.Equal("1", start.GetProperty("sequenceNumber").GetString());
        JsonElement body = start.GetProperty("start");
        string streamSid = body.GetProperty("streamSid").GetString()!;
        Assert.Equal(streamSid, start.GetProperty("streamSid").GetString());
        Assert.Matches("^MZ[0-9a-f]{32}$", streamSid);
        Assert.Matches("^CA[0-9a-f]{32}$", body.GetProperty("callSid").GetString()!);
        Assert.Matches("^AC[0-9a-f]{32}$", body.GetProperty("accountSid").GetString()!);
        Assert.Equal("inbound", body.GetProperty("tracks")[0].GetString());
        JsonElement format = body.GetProperty("mediaFormat");
        Assert.Equal("audio/x-mulaw", format.GetProperty("encoding").GetString());
        Assert.Equal(8000, format.GetProperty("sampleRate").GetInt32());
        Assert.Equal(1, format.GetProperty("channels").GetInt32());
        JsonElement custom = body.GetProperty("customParameters");
        Assert.Equal("+15550001111", custom.GetProperty("from").GetString());
        Assert.Equal("+15550002222", custom.GetProperty("to").GetString());
        Assert.Equal("call-42", custom.GetProperty("call_id").GetString());
        Assert.Equal("trunk-1", custom.GetProperty("trunk_id").GetString());
        Assert.Equal("spring", custom.GetProperty("campaign").GetString());
    }

    /// <summary>[TW-MS] §3.1 media: inbound track, string chunk counting from 1, string ms timestamp, base64 μ-law payload.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Caller_audio_goes_out_as_mulaw_media_frames_with_chunk_and_timestamp(bool aLawTrunk)
    {
        AgentAudioFormat carrier = aLawTrunk ? AgentAudioFormat.ALaw8000 : AgentAudioFormat.MuLaw8000;
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(s_idle);
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            AgentTestHarness.Connector(), AgentTestHarness.Settings(AgentProvider.Custom, server.WebSocketUri()), AgentTestHarness.Context(carrier));
        FakeAgentSession session = await server.NextSessionAsync(AgentTestHarness.Guard());
        byte[] first = AgentTestHarness.Pattern(160, 1);
        byte[] second = AgentTestHarness.Pattern(160, 2);

        Assert.True(connection.SendAudio(first, 0));
        Assert.True(connection.SendAudio(second, 0));
        JsonElement one = await session.ReceiveWhereAsync("event", "media", AgentTestHarness.Guard());
        JsonElement two = await session.ReceiveWhereAsync("event", "media", AgentTestHarness.Guard());

        Assert.Equal(carrier != AgentAudioFormat.MuLaw8000, connection.Transcodes);
        Assert.Equal("inbound", one.GetProperty("media").GetProperty("track").GetString());
        Assert.Equal("1", one.GetProperty("media").GetProperty("chunk").GetString());
        Assert.Equal("0", one.GetProperty("media").GetProperty("timestamp").GetString());
        Assert.Equal("2", two.GetProperty("media").GetProperty("chunk").GetString());
        Assert.Equal("20", two.GetProperty("media").GetProperty("timestamp").GetString());
        Assert.Equal(ExpectedMuLaw(first, carrier), one.GetProperty("media").GetProperty("payload").GetBytesFromBase64());
        Assert.Equal(ExpectedMuLaw(second, carrier), two.GetProperty("media").GetProperty("payload").GetBytesFromBase64());
    }

    /// <summary>
    /// Spec §6 gateway processing, carrier → agent: a frame counts from its RTP arrival until its message was handed
    /// to the socket, the wait in our send queue included; control messages and unmeasured frames do not count.
    /// </summary>
    [Fact]
    public async Task Caller_audio_latency_runs_from_the_rtp_arrival_to_the_socket()
    {
        await using IdleAgentCall call = await IdleAgentCall.StartAsync();
        (IAgentConnection connection, FakeAgentSession session) = (call.Connection, call.Session);
        long fiveMillisecondsAgo = TimeProvider.System.GetTimestamp() - (TimeProvider.System.TimestampFrequency / 200);

        Assert.True(connection.SendAudio(AgentTestHarness.Pattern(160, 1), fiveMillisecondsAgo));
        Assert.True(connection.SendDtmf('5'));
        Assert.True(connection.SendAudio(AgentTestHarness.Pattern(160, 2), 0));
        await session.ReceiveWhereAsync("event", "media", AgentTestHarness.Guard());
        await session.ReceiveWhereAsync("event", "dtmf", AgentTestHarness.Guard());
        await session.ReceiveWhereAsync("event", "media", AgentTestHarness.Guard());

        // One send at a time: the first frame was recorded before the last message went out.
        Assert.Equal(1, connection.CallerAudioLatency.Count);
        Assert.True(connection.CallerAudioLatency.MeanMicroseconds >= 5000, $"{connection.CallerAudioLatency.MeanMicroseconds} µs");
    }

    /// <summary>
    /// Frames handed over faster than real time (a stall on the carrier side releasing a backlog) reach the bot in
    /// the order the bridge handed them over ([TW-MS] §3.1: chunk counts up by one per frame).
    /// </summary>
    [Fact]
    public async Task Caller_frames_reach_the_bot_in_order_when_sent_faster_than_real_time()
    {
        const int frames = 400;
        await using IdleAgentCall call = await IdleAgentCall.StartAsync();
        (IAgentConnection connection, FakeAgentSession session) = (call.Connection, call.Session);
        byte[] frame = AgentTestHarness.Pattern(160, 3);

        int accepted = 0;
        for (int i = 0; i < frames; i++)
        {
            accepted += connection.SendAudio(frame, 0) ? 1 : 0;
        }

        var chunks = new List<int>(accepted);
        for (int i = 0; i < accepted; i++)
        {
            JsonElement media = await session.ReceiveWhereAsync("event", "media", AgentTestHarness.Guard());
            chunks.Add(int.Parse(media.GetProperty("media").GetProperty("chunk").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        }

        // A frame refused by a full queue still used its chunk number, so the order is strictly rising, not gapless.
        Assert.True(accepted > 0);
        Assert.Equal(1, chunks[0]);
        Assert.All(chunks.Zip(chunks.Skip(1)), pair => Assert.True(pair.Second > pair.First));
    }

    /// <summary>[TW-MS] §3.2: the bot's media payload becomes agent audio in the carrier codec, byte for byte.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Bot_media_arrives_as_audio_chunks_in_the_carrier_codec(bool aLawTrunk)
    {
        AgentAudioFormat carrier = aLawTrunk ? AgentAudioFormat.ALaw8000 : AgentAudioFormat.MuLaw8000;
        byte[] muLaw = AgentTestHarness.Pattern(800, 3);
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(async session =>
        {
            JsonElement start = await session.ReceiveWhereAsync("event", "start");
            await session.SendMediaAsync(start.GetProperty("streamSid").GetString()!, muLaw);
            await session.Closed;
        });
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            AgentTestHarness.Connector(), AgentTestHarness.Settings(AgentProvider.Custom, server.WebSocketUri()), AgentTestHarness.Context(carrier));

        byte[] received = await connection.Events.ReadAudioAsync(muLaw.Length);

        byte[] expected = new byte[muLaw.Length];
        AudioTranscoder.Convert(muLaw, AgentAudioFormat.MuLaw8000, expected, carrier);
        Assert.Equal(expected, received);
    }

    /// <summary>[TW-MS] §3.2: a mark is echoed once everything queued before it has been played, not before.</summary>
    [Fact]
    public async Task Mark_is_echoed_only_after_the_audio_before_it_was_played()
    {
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(async session =>
        {
            string sid = (await session.ReceiveWhereAsync("event", "start")).GetProperty("streamSid").GetString()!;
            await session.SendMediaAsync(sid, new byte[320]);
            await session.SendMarkAsync(sid, "greeting-done");
            await session.Closed;
        });
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            AgentTestHarness.Connector(), AgentTestHarness.Settings(AgentProvider.Custom, server.WebSocketUri()), AgentTestHarness.Context());
        FakeAgentSession session = await server.NextSessionAsync(AgentTestHarness.Guard());
        await connection.Events.ReadAudioAsync(320);

        connection.MarkPlayed(160);
        connection.SendDtmf('1');
        await session.ReceiveWhereAsync("event", "dtmf", AgentTestHarness.Guard());
        Assert.DoesNotContain(session.Received, m => m.Contains("\"mark\"", StringComparison.Ordinal));

        connection.MarkPlayed(160);
        AgentEvent reached = await connection.Events.NextAsync(AgentEventKind.MarkReached);
        JsonElement echo = await session.ReceiveWhereAsync("event", "mark", AgentTestHarness.Guard());

        Assert.Equal("greeting-done", reached.Text);
        Assert.Equal("greeting-done", echo.GetProperty("mark").GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(echo.GetProperty("streamSid").GetString()));
    }

    /// <summary>[TW-MS] §3.2: clear flushes playout (Clear event) and answers the marks whose audio was discarded.</summary>
    [Fact]
    public async Task Clear_emits_clear_and_answers_pending_marks()
    {
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(async session =>
        {
            string sid = (await session.ReceiveWhereAsync("event", "start")).GetProperty("streamSid").GetString()!;
            await session.SendMediaAsync(sid, new byte[1600]);
            await session.SendMarkAsync(sid, "m1");
            await session.SendClearAsync(sid);
            await session.Closed;
        });
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            AgentTestHarness.Connector(), AgentTestHarness.Settings(AgentProvider.Custom, server.WebSocketUri()), AgentTestHarness.Context());
        FakeAgentSession session = await server.NextSessionAsync(AgentTestHarness.Guard());

        await connection.Events.NextAsync(AgentEventKind.Clear);
        JsonElement echo = await session.ReceiveWhereAsync("event", "mark", AgentTestHarness.Guard());

        Assert.Equal("m1", echo.GetProperty("mark").GetProperty("name").GetString());
    }

    /// <summary>
    /// Spec §6: the protocol has no speech events, so the local VAD marks the caller's turns; its stop comes a hangover
    /// after the speech ended, and it is dated back by that hangover so AI latency starts when the caller went quiet.
    /// </summary>
    [Fact]
    public async Task Local_vad_dates_the_end_of_speech_before_its_hangover()
    {
        await using IdleAgentCall call = await IdleAgentCall.StartAsync();
        IAgentConnection connection = call.Connection;
        byte[] speech = VadTone.Frame(-20);
        byte[] silence = VadTone.Frame(-70);
        for (int i = 0; i < 25; i++)
        {
            connection.SendAudio(speech, 0);
        }

        // 400 ms of hangover = the 20th silent frame reports the stop.
        for (int i = 0; i < 19; i++)
        {
            connection.SendAudio(silence, 0);
        }

        long before = TimeProvider.System.GetTimestamp();
        connection.SendAudio(silence, 0);
        long after = TimeProvider.System.GetTimestamp();
        AgentEvent stopped = await connection.Events.NextAsync(AgentEventKind.SpeechStopped);

        long hangover = TimeProvider.System.TimestampFrequency * 400 / 1000;
        Assert.InRange(stopped.OccurredAt, before - hangover, after - hangover);
    }

    /// <summary>[TW-MS] §3.1 dtmf: digit on the inbound track.</summary>
    [Fact]
    public async Task Dtmf_digit_is_forwarded_on_the_inbound_track()
    {
        await using IdleAgentCall call = await IdleAgentCall.StartAsync();
        (IAgentConnection connection, FakeAgentSession session) = (call.Connection, call.Session);

        Assert.True(connection.SendDtmf('#'));
        JsonElement dtmf = await session.ReceiveWhereAsync("event", "dtmf", AgentTestHarness.Guard());

        Assert.Equal("#", dtmf.GetProperty("dtmf").GetProperty("digit").GetString());
        Assert.Equal("inbound_track", dtmf.GetProperty("dtmf").GetProperty("track").GetString());
    }

    /// <summary>Research §3.3: a bot closing its socket means hang up.</summary>
    [Fact]
    public async Task Bot_closing_the_socket_is_an_agent_hangup()
    {
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(async session =>
        {
            await session.ReceiveWhereAsync("event", "start");
            await session.CloseAsync(WebSocketCloseStatus.NormalClosure, "done");
        });
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            AgentTestHarness.Connector(), AgentTestHarness.Settings(AgentProvider.Custom, server.WebSocketUri()), AgentTestHarness.Context());

        List<AgentEventKind> kinds = await connection.Events.DrainAsync();

        Assert.Equal(AgentEventKind.Hangup, kinds[^1]);
    }

    /// <summary>[TW-MS] §3.1: stop is the last frame before our close, carrying the account and call SIDs.</summary>
    [Fact]
    public async Task Closing_sends_stop_then_a_normal_close_frame()
    {
        await using IdleAgentCall call = await IdleAgentCall.StartAsync();
        (IAgentConnection connection, FakeAgentSession session) = (call.Connection, call.Session);

        await connection.CloseAsync(DisconnectReasons.CallerHangup, CancellationToken.None);
        JsonElement stop = await session.ReceiveWhereAsync("event", "stop", AgentTestHarness.Guard());
        WebSocketCloseStatus? status = await session.Closed.WaitAsync(AgentTestHarness.HangGuard);

        Assert.StartsWith("CA", stop.GetProperty("stop").GetProperty("callSid").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("AC", stop.GetProperty("stop").GetProperty("accountSid").GetString(), StringComparison.Ordinal);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, status);
        Assert.Empty(await connection.Events.DrainAsync());
    }

    /// <summary>Unknown events are ignored and counted, as [TW-MS] §3.2 advises for a tolerant receiver.</summary>
    [Fact]
    public async Task Unknown_events_are_ignored_and_counted()
    {
        await using FakeAgentServer server = await FakeAgentServer.StartAsync(async session =>
        {
            string sid = (await session.ReceiveWhereAsync("event", "start")).GetProperty("streamSid").GetString()!;
            await session.SendJsonAsync(new { @event = "playAudio", streamSid = sid });
            await session.SendMediaAsync(sid, new byte[160]);
            await session.Closed;
        });
        await using IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            AgentTestHarness.Connector(), AgentTestHarness.Settings(AgentProvider.Custom, server.WebSocketUri()), AgentTestHarness.Context());

        await connection.Events.ReadAudioAsync(160);

        Assert.Equal(1, ((AgentConnectionBase)connection).UnknownEventCount);
    }

    private static byte[] ExpectedMuLaw(byte[] carrierFrame, AgentAudioFormat carrier)
    {
        byte[] expected = new byte[carrierFrame.Length];
        AudioTranscoder.Convert(carrierFrame, carrier, expected, AgentAudioFormat.MuLaw8000);
        return expected;
    }
}
