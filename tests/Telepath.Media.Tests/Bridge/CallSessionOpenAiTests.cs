using System.Text.Json;
using Telepath.Media.Bridge;
using Telepath.Media.Edge;
using Telepath.Media.Rtp;
using Telepath.Media.Tests.Rtp.Engine;
using Telepath.TestKit.Agents;
using Telepath.TestKit.Sip;

namespace Telepath.Media.Tests.Bridge;

/// <summary>The bridge with an OpenAI Realtime agent: barge-in truncation from what was really sent, turns and metrics.</summary>
public sealed class CallSessionOpenAiTests
{
    /// <summary>
    /// Research §1.7: on speech_started the bridge drops its playout at once and OpenAI gets
    /// <c>conversation.item.truncate</c> with the milliseconds actually sent as RTP; the call record then carries
    /// the caller turn, the interrupted agent turn with its AI latency, and the call's metrics.
    /// </summary>
    [Fact]
    public async Task Barge_in_flushes_playout_truncates_at_played_ms_and_the_record_has_turns_and_metrics()
    {
        await using BridgeHarness h = await BridgeHarness.StartAsync(25100, AgentProvider.OpenAi);
        using var rtp = new RtpTestPeer();
        await using SipTestCaller caller = h.Caller();
        string ok = await caller.InviteAsync(SipTestCaller.Offer(rtp.EndPoint.Port, "0 101"));
        FakeAgentSession session = await h.AgentServer.NextSessionAsync(BridgeHarness.Token());
        JsonElement update = await session.ReceiveWhereAsync("type", "session.update", BridgeHarness.Token());
        Assert.Equal("audio/pcmu", update.GetProperty("session").GetProperty("audio").GetProperty("input").GetProperty("format").GetProperty("type").GetString());
        int port = SipTestCaller.MediaPort(ok);
        for (int i = 0; i < 5; i++)
        {
            rtp.SendRtp(port, (ushort)(500 + i), (uint)(160 * i), 0, RtpTestPeer.Payload(i));
        }

        // Research §1.3: with audio/pcmu the carrier's payload passes through untouched.
        JsonElement append = await session.ReceiveWhereAsync("type", "input_audio_buffer.append", BridgeHarness.Token());
        Assert.Equal(Convert.ToBase64String(RtpTestPeer.Payload(0)), append.GetProperty("audio").GetString());
        await session.SendSpeechStartedAsync("item_u1");
        await session.SendSpeechStoppedAsync("item_u1");
        await session.SendResponseCreatedAsync("resp_1");
        await session.SendAudioDeltasAsync("resp_1", "item_a", RtpTestPeer.Payload(5, 16000), 10);
        int heard = 0;
        while (heard < 10)
        {
            Assert.NotNull(await rtp.ReceiveAsync());
            heard++;
        }

        await session.SendSpeechStartedAsync("item_u2");
        JsonElement truncate = await session.ReceiveWhereAsync("type", "conversation.item.truncate", BridgeHarness.Token());
        while (await rtp.ReceiveAsync(500) is byte[] packet)
        {
            Assert.True(RtpHeader.TryParse(packet, out _));
            heard++;
        }

        int audioEndMs = truncate.GetProperty("audio_end_ms").GetInt32();
        Assert.Equal("item_a", truncate.GetProperty("item_id").GetString());
        Assert.True(heard < 100, "playout stopped long before the 2 s response was over");
        Assert.InRange(audioEndMs, 20 * (heard - 3), 20 * heard);

        await caller.SendInDialogAsync("BYE");
        CallEndedEvent ended = await h.Events.WaitForEndedAsync("call-1");
        var turns = h.Events.Progress.SelectMany(p => p.NewTurns).Concat(ended.NewTurns).ToList();
        Assert.Equal(turns.Count, turns.Select(t => t.TurnNumber).Distinct().Count());
        CallTurn callerTurn = Assert.Single(turns, t => t.Speaker == TurnSpeaker.Caller && t.TurnNumber == 1);
        Assert.Null(callerTurn.ProcessingTimeMs);
        CallTurn agentTurn = Assert.Single(turns, t => t.Speaker == TurnSpeaker.Agent);
        Assert.True(agentTurn.Interrupted);
        Assert.NotNull(agentTurn.ProcessingTimeMs);
        CallMetrics metrics = ended.Metrics;
        Assert.Equal(1, metrics.Interruptions);
        Assert.Equal(agentTurn.ProcessingTimeMs, metrics.AiLatencyMs);
        Assert.NotNull(metrics.AiLatencyP95Ms);
        Assert.NotNull(metrics.GatewayProcessingMs);
        Assert.True(metrics.GatewayProcessingP99Ms >= 0);
        Assert.NotNull(metrics.CarrierLagMs);
        Assert.NotNull(metrics.SetupMs);
        Assert.Equal(0, metrics.PacketLossPercent);
        Assert.NotNull(metrics.JitterMs);

        // The carrier lag here is 200 OK → the test's first RTP, which a loaded CI machine can stretch to seconds: check
        // that the MOS is the E-model of the call's own figures rather than a fixed band.
        Assert.Equal(Math.Round(EModel.EstimateMos(metrics.CarrierLagMs!.Value, metrics.JitterMs!.Value, 0), 2), metrics.Mos);
    }
}
