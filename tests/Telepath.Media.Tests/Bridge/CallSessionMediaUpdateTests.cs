using System.Text.Json;
using Telepath.Media.Codecs;
using Telepath.Media.Edge;
using Telepath.Media.Rtp;
using Telepath.Media.Tests.Rtp.Engine;
using Telepath.TestKit.Agents;
using Telepath.TestKit.Sip;

namespace Telepath.Media.Tests.Bridge;

/// <summary>Mid-call media changes and the agent's last words.</summary>
public sealed class CallSessionMediaUpdateTests
{
    /// <summary>
    /// RFC 3264 §8.3.2: a re-INVITE may change the codec. The stream is reopened on the same ports with PCMA while the
    /// agent keeps the μ-law it was set up with: caller A-law arrives as μ-law, agent μ-law leaves as A-law RTP (PT 8).
    /// </summary>
    [Fact]
    public async Task Reinvite_switching_to_pcma_keeps_the_ports_and_converts_both_ways()
    {
        await using BridgeHarness h = await BridgeHarness.StartAsync(25200);
        using var rtp = new RtpTestPeer();
        await using SipTestCaller caller = h.Caller();
        string ok = await caller.InviteAsync(SipTestCaller.Offer(rtp.EndPoint.Port, "0 101"));
        FakeAgentSession session = await h.AgentServer.NextSessionAsync(BridgeHarness.Token());
        string streamSid = (await session.ReceiveWhereAsync("event", "start", BridgeHarness.Token())).GetProperty("streamSid").GetString()!;
        int port = SipTestCaller.MediaPort(ok);

        string reinvite = await caller.SendInDialogAsync("INVITE", SipTestCaller.Offer(rtp.EndPoint.Port, "8 101"));
        Assert.True(SipTestCaller.Status(reinvite) == 200, reinvite);
        Assert.Equal(port, SipTestCaller.MediaPort(reinvite));
        Assert.True(SipTestCaller.Body(reinvite).Contains("RTP/AVP 8", StringComparison.Ordinal), reinvite);

        // The switch happens on the session's signal loop: keep talking A-law until the agent hears it.
        byte[] alaw = RtpTestPeer.Payload(21);
        using var talking = new CancellationTokenSource();
        Task talk = TalkAsync(rtp, port, alaw, talking.Token);
        // Frames that raced the switch may still arrive as they were; the first converted one proves the switch.
        byte[] expectedIn = alaw.Select(b => MuLawCodec.EncodeSample(ALawCodec.DecodeSample(b))).ToArray();
        string expectedPayload = Convert.ToBase64String(expectedIn);
        using CancellationTokenSource converted = new(TimeSpan.FromSeconds(10));
        string? payload;
        do
        {
            JsonElement media = await session.ReceiveWhereAsync("event", "media", converted.Token);
            payload = media.GetProperty("media").GetProperty("payload").GetString();
        }
        while (payload != expectedPayload);

        await talking.CancelAsync();
        await talk;
        Assert.Equal(expectedPayload, payload);

        byte[] mulaw = RtpTestPeer.Payload(130);
        await session.SendMediaAsync(streamSid, mulaw);
        byte[] packet = await rtp.ReceiveAsync() ?? throw new Xunit.Sdk.XunitException("no RTP after the codec switch");
        Assert.True(RtpHeader.TryParse(packet, out RtpHeader header));
        Assert.Equal(8, header.PayloadType);
        byte[] expectedOut = mulaw.Select(b => ALawCodec.EncodeSample(MuLawCodec.DecodeSample(b))).ToArray();
        Assert.Equal(expectedOut, packet.AsSpan(RtpHeader.FixedLength).ToArray());
        await caller.SendInDialogAsync("BYE");
        await h.Events.WaitForEndedAsync("call-1");
        Assert.Equal(h.Engine.Ports.Capacity, h.Engine.Ports.Available);
    }

    /// <summary>The agent's goodbye is played out before the BYE: every queued frame reaches the caller first.</summary>
    [Fact]
    public async Task Agent_hangup_plays_its_last_words_before_the_bye()
    {
        await using BridgeHarness h = await BridgeHarness.StartAsync(25210);
        using var rtp = new RtpTestPeer();
        await using SipTestCaller caller = h.Caller();
        await caller.InviteAsync(SipTestCaller.Offer(rtp.EndPoint.Port, "0 101"));
        FakeAgentSession session = await h.AgentServer.NextSessionAsync(BridgeHarness.Token());
        string streamSid = (await session.ReceiveWhereAsync("event", "start", BridgeHarness.Token())).GetProperty("streamSid").GetString()!;

        await session.SendMediaAsync(streamSid, RtpTestPeer.Payload(1, 160 * 10));
        await session.CloseAsync();
        await caller.WaitForByeAsync();
        int frames = 0;
        while (await rtp.ReceiveAsync(300) is not null)
        {
            frames++;
        }

        Assert.Equal(10, frames);
        CallEndedEvent ended = await h.Events.WaitForEndedAsync("call-1");
        Assert.Equal(DisconnectReasons.AgentHangup, ended.DisconnectReason);
        CallTurn agentTurn = Assert.Single(ended.NewTurns.Concat(h.Events.Progress.SelectMany(p => p.NewTurns)), t => t.Speaker == TurnSpeaker.Agent);
        Assert.False(agentTurn.Interrupted);
        Assert.Null(agentTurn.ProcessingTimeMs);
    }

    /// <summary>RFC 4566 §6: a carrier that asks for 30 ms packets (a=ptime:30) gets the agent's audio as 240-byte frames.</summary>
    [Fact]
    public async Task Agent_audio_leaves_in_the_packet_time_the_carrier_asked_for()
    {
        await using BridgeHarness h = await BridgeHarness.StartAsync(25220);
        using var rtp = new RtpTestPeer();
        await using SipTestCaller caller = h.Caller();
        string ok = await caller.InviteAsync(SipTestCaller.Offer(rtp.EndPoint.Port, "0 101").Replace("a=ptime:20", "a=ptime:30", StringComparison.Ordinal));
        Assert.Contains("a=ptime:30", SipTestCaller.Body(ok), StringComparison.Ordinal);
        FakeAgentSession session = await h.AgentServer.NextSessionAsync(BridgeHarness.Token());
        string streamSid = (await session.ReceiveWhereAsync("event", "start", BridgeHarness.Token())).GetProperty("streamSid").GetString()!;

        await session.SendMediaAsync(streamSid, RtpTestPeer.Payload(7, 240 * 4));
        var timestamps = new List<uint>();
        for (int i = 0; i < 4; i++)
        {
            byte[] packet = await rtp.ReceiveAsync() ?? throw new Xunit.Sdk.XunitException("fewer than four 30 ms frames");
            Assert.True(RtpHeader.TryParse(packet, out RtpHeader header));
            Assert.Equal(240, header.Payload.Length);
            timestamps.Add(header.Timestamp);
        }

        Assert.Equal([0u, 240u, 480u, 720u], timestamps.Select(t => t - timestamps[0]));
        await caller.SendInDialogAsync("BYE");
        await h.Events.WaitForEndedAsync("call-1");
    }

    private static async Task TalkAsync(RtpTestPeer rtp, int port, byte[] payload, CancellationToken cancellationToken)
    {
        ushort sequence = 1000;
        uint timestamp = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                rtp.SendRtp(port, sequence++, timestamp += 160, 8, payload);
                await Task.Delay(20, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Done talking.
        }
    }
}
