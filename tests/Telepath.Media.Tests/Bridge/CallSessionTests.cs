using System.Text.Json;
using Telepath.Media.Codecs;
using Telepath.Media.Edge;
using Telepath.Media.Rtp;
using Telepath.Media.Tests.Rtp.Engine;
using Telepath.TestKit.Agents;
using Telepath.TestKit.Sip;
using Telepath.TestKit.Network;

namespace Telepath.Media.Tests.Bridge;

/// <summary>
/// The call bridge end to end on loopback sockets: a caller over real SIP/UDP and RTP, the production SIP server,
/// RTP engine, bridge and agent adapters, and a fake provider. Each test has its own RTP port range.
/// </summary>
public sealed class CallSessionTests
{
    /// <summary>Answer policy: 180 while the agent connects, 200 only once its WebSocket is open; caller μ-law reaches the custom agent byte for byte; caller BYE closes the agent with stop.</summary>
    [Fact]
    public async Task Answers_after_agent_connects_forwards_mulaw_exactly_and_caller_bye_closes_the_agent()
    {
        await using BridgeHarness h = await BridgeHarness.StartAsync(25000);
        using var rtp = new RtpTestPeer();
        await using SipTestCaller caller = h.Caller();

        string ok = await caller.InviteAsync(SipTestCaller.Offer(rtp.EndPoint.Port, "0 101"));
        Task<FakeAgentSession> next = h.AgentServer.NextSessionAsync(BridgeHarness.Token());

        Assert.Equal(200, SipTestCaller.Status(ok));
        Assert.True(next.IsCompletedSuccessfully, "the agent's WebSocket was open before the 200 OK");
        FakeAgentSession session = await next;
        int port = SipTestCaller.MediaPort(ok);
        Assert.InRange(port, 25000, 25009);
        byte[][] frames = [RtpTestPeer.Payload(1), RtpTestPeer.Payload(77), RtpTestPeer.Payload(200)];
        for (int i = 0; i < frames.Length; i++)
        {
            rtp.SendRtp(port, (ushort)(100 + i), (uint)(160 * i), 0, frames[i]);
        }

        for (int i = 0; i < frames.Length; i++)
        {
            JsonElement media = await session.ReceiveWhereAsync("event", "media", BridgeHarness.Token());
            Assert.Equal(Convert.ToBase64String(frames[i]), media.GetProperty("media").GetProperty("payload").GetString());
        }

        Assert.Equal(200, SipTestCaller.Status(await caller.SendInDialogAsync("BYE")));
        await session.ReceiveWhereAsync("event", "stop", BridgeHarness.Token());
        CallEndedEvent ended = await h.Events.WaitForEndedAsync("call-1");
        Assert.Equal(DisconnectReasons.CallerHangup, ended.DisconnectReason);
        Assert.Equal(CallOutcome.Completed, ended.Outcome);
        Assert.Equal(["started", "agent_connected", "agent_closed", "ended"], h.Events.Order.Where(e => e != "answered"));
        Assert.Equal(DisconnectReasons.CallerHangup, h.Events.Agent[^1].Reason);
        Assert.Equal(h.Engine.Ports.Capacity, h.Engine.Ports.Available);
        Assert.Equal(0, h.Engine.ActiveStreams);
    }

    /// <summary>
    /// A port of the leased pair is held by another process: the call moves to the next free pair before its SDP answer
    /// leaves, so the 200 OK advertises a port that works and caller audio reaches the agent through it.
    /// </summary>
    [Fact]
    public async Task Moves_to_another_port_pair_when_the_leased_one_is_held_elsewhere()
    {
        await using BridgeHarness h = await BridgeHarness.StartAsync(25240);
        using var squatter = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        squatter.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 25240));
        using var rtp = new RtpTestPeer();
        await using SipTestCaller caller = h.Caller();

        string ok = await caller.InviteAsync(SipTestCaller.Offer(rtp.EndPoint.Port, "0 101"));

        Assert.True(SipTestCaller.Status(ok) == 200, ok);
        int port = SipTestCaller.MediaPort(ok);
        Assert.InRange(port, 25242, 25248);
        FakeAgentSession session = await h.AgentServer.NextSessionAsync(BridgeHarness.Token());
        byte[] frame = RtpTestPeer.Payload(42);
        rtp.SendRtp(port, 1, 0, 0, frame);
        JsonElement media = await session.ReceiveWhereAsync("event", "media", BridgeHarness.Token());
        Assert.Equal(Convert.ToBase64String(frame), media.GetProperty("media").GetProperty("payload").GetString());

        Assert.Equal(200, SipTestCaller.Status(await caller.SendInDialogAsync("BYE")));
        await h.Events.WaitForEndedAsync("call-1");
        Assert.Equal(h.Engine.Ports.Capacity, h.Engine.Ports.Available);
    }

    /// <summary>A-law trunks: the custom protocol is μ-law only, so the bridge's adapter transcodes each caller frame.</summary>
    [Fact]
    public async Task Alaw_caller_audio_reaches_the_custom_agent_as_mulaw()
    {
        await using BridgeHarness h = await BridgeHarness.StartAsync(25010);
        using var rtp = new RtpTestPeer();
        await using SipTestCaller caller = h.Caller();
        string ok = await caller.InviteAsync(SipTestCaller.Offer(rtp.EndPoint.Port, "8 101"));
        FakeAgentSession session = await h.AgentServer.NextSessionAsync(BridgeHarness.Token());
        Assert.Contains("RTP/AVP 8", SipTestCaller.Body(ok), StringComparison.Ordinal);

        byte[] alaw = RtpTestPeer.Payload(9);
        rtp.SendRtp(SipTestCaller.MediaPort(ok), 1, 0, 8, alaw);
        JsonElement media = await session.ReceiveWhereAsync("event", "media", BridgeHarness.Token());

        byte[] expected = alaw.Select(b => MuLawCodec.EncodeSample(ALawCodec.DecodeSample(b))).ToArray();
        Assert.Equal(Convert.ToBase64String(expected), media.GetProperty("media").GetProperty("payload").GetString());
        await caller.SendInDialogAsync("BYE");
    }

    /// <summary>RFC 3550 §5.1: agent audio leaves as 20 ms RTP frames with the negotiated PT, one SSRC, consecutive sequence numbers and timestamps 160 apart; the first carries the marker (RFC 3551 §4.1).</summary>
    [Fact]
    public async Task Agent_audio_comes_back_as_paced_rtp_with_negotiated_pt_one_ssrc_and_consecutive_sequence()
    {
        await using BridgeHarness h = await BridgeHarness.StartAsync(25020);
        using var rtp = new RtpTestPeer();
        await using SipTestCaller caller = h.Caller();
        string ok = await caller.InviteAsync(SipTestCaller.Offer(rtp.EndPoint.Port, "0 101"));
        FakeAgentSession session = await h.AgentServer.NextSessionAsync(BridgeHarness.Token());
        JsonElement start = await session.ReceiveWhereAsync("event", "start", BridgeHarness.Token());
        string streamSid = start.GetProperty("streamSid").GetString()!;

        byte[] audio = [.. RtpTestPeer.Payload(3), .. RtpTestPeer.Payload(50), .. RtpTestPeer.Payload(99)];
        await session.SendMediaAsync(streamSid, audio);
        var packets = new List<byte[]>();
        for (int i = 0; i < 3; i++)
        {
            packets.Add(await rtp.ReceiveAsync() ?? throw new Xunit.Sdk.XunitException("no RTP from the bridge"));
        }

        Assert.True(RtpHeader.TryParse(packets[0], out RtpHeader first));
        Assert.True(first.Marker);
        for (int i = 0; i < 3; i++)
        {
            Assert.True(RtpHeader.TryParse(packets[i], out RtpHeader header));
            Assert.Equal(0, header.PayloadType);
            Assert.Equal(first.Ssrc, header.Ssrc);
            Assert.Equal((ushort)(first.SequenceNumber + i), header.SequenceNumber);
            Assert.Equal(first.Timestamp + (uint)(160 * i), header.Timestamp);
            Assert.Equal(audio.AsSpan(160 * i, 160).ToArray(), packets[i].AsSpan(RtpHeader.FixedLength).ToArray());
        }

        await caller.SendInDialogAsync("BYE");
    }

    /// <summary>RFC 4733 §2.5 telephone-events and SIP INFO application/dtmf-relay both reach the agent as digits.</summary>
    [Fact]
    public async Task Rfc4733_and_sip_info_dtmf_reach_the_agent()
    {
        await using BridgeHarness h = await BridgeHarness.StartAsync(25030);
        using var rtp = new RtpTestPeer();
        await using SipTestCaller caller = h.Caller();
        string ok = await caller.InviteAsync(SipTestCaller.Offer(rtp.EndPoint.Port, "0 101"));
        FakeAgentSession session = await h.AgentServer.NextSessionAsync(BridgeHarness.Token());
        int port = SipTestCaller.MediaPort(ok);

        // Event 5, end bit, volume 10, duration 800; the end packet is sent three times (RFC 4733 §2.5.1.4).
        byte[] end = [5, 0x80 | 10, 0x03, 0x20];
        for (int i = 0; i < 3; i++)
        {
            rtp.SendRtp(port, (ushort)(10 + i), 8000, 101, end, marker: i == 0);
        }

        JsonElement rfc4733 = await session.ReceiveWhereAsync("event", "dtmf", BridgeHarness.Token());
        Assert.Equal(200, SipTestCaller.Status(await caller.SendInDialogAsync("INFO", "Signal=7\r\nDuration=160\r\n", "application/dtmf-relay")));
        JsonElement info = await session.ReceiveWhereAsync("event", "dtmf", BridgeHarness.Token());

        Assert.Equal("5", rfc4733.GetProperty("dtmf").GetProperty("digit").GetString());
        Assert.Equal("7", info.GetProperty("dtmf").GetProperty("digit").GetString());
        await caller.SendInDialogAsync("BYE");
    }

    /// <summary>The agent closing its socket ends the call from our side: BYE, <c>agent_hangup</c>, completed.</summary>
    [Fact]
    public async Task Agent_hangup_sends_bye_with_agent_hangup()
    {
        await using BridgeHarness h = await BridgeHarness.StartAsync(25040);
        using var rtp = new RtpTestPeer();
        await using SipTestCaller caller = h.Caller();
        string ok = await caller.InviteAsync(SipTestCaller.Offer(rtp.EndPoint.Port));
        Assert.True(SipTestCaller.Status(ok) == 200, ok);
        FakeAgentSession session = await h.AgentServer.NextSessionAsync(BridgeHarness.Token());

        await session.CloseAsync();
        await caller.WaitForByeAsync();

        CallEndedEvent ended = await h.Events.WaitForEndedAsync("call-1");
        Assert.Equal(DisconnectReasons.AgentHangup, ended.DisconnectReason);
        Assert.Equal(CallOutcome.Completed, ended.Outcome);
        Assert.Equal(h.Engine.Ports.Capacity, h.Engine.Ports.Available);
    }

    /// <summary>A protocol error from the agent (text that is not JSON) ends the call: BYE, <c>agent_error</c>, dropped.</summary>
    [Fact]
    public async Task Agent_protocol_error_sends_bye_with_agent_error()
    {
        await using BridgeHarness h = await BridgeHarness.StartAsync(25050);
        using var rtp = new RtpTestPeer();
        await using SipTestCaller caller = h.Caller();
        await caller.InviteAsync(SipTestCaller.Offer(rtp.EndPoint.Port));
        FakeAgentSession session = await h.AgentServer.NextSessionAsync(BridgeHarness.Token());

        await session.SendTextAsync("this is not json");
        await caller.WaitForByeAsync();

        CallEndedEvent ended = await h.Events.WaitForEndedAsync("call-1");
        Assert.Equal(DisconnectReasons.AgentError, ended.DisconnectReason);
        Assert.Equal(CallOutcome.Dropped, ended.Outcome);
    }

    /// <summary>An agent nobody answers for: 180, then 480 (RFC 3261 §21.4.18) with <c>agent_unreachable</c>; nothing is answered or leaked.</summary>
    [Fact]
    public async Task Unreachable_agent_refuses_the_call_with_480_and_agent_unreachable()
    {
        await using BridgeHarness h = await BridgeHarness.StartAsync(25060);
        h.Directory.Agent = BridgeHarness.Settings(AgentProvider.Custom, new Uri($"ws://127.0.0.1:{FreePort.Tcp()}/bot"));
        using var rtp = new RtpTestPeer();
        await using SipTestCaller caller = h.Caller();

        string final = await caller.InviteAsync(SipTestCaller.Offer(rtp.EndPoint.Port));

        Assert.Equal(480, SipTestCaller.Status(final));
        CallEndedEvent ended = await h.Events.WaitForEndedAsync("call-1");
        Assert.Equal(DisconnectReasons.AgentUnreachable, ended.DisconnectReason);
        Assert.Equal(CallOutcome.Failed, ended.Outcome);
        Assert.Empty(h.Events.Answered);
        Assert.Equal(h.Engine.Ports.Capacity, h.Engine.Ports.Available);
    }

    /// <summary>A trunk whose agent settings are gone (deleted after admission) is refused with <c>trunk_deleted</c>.</summary>
    [Fact]
    public async Task Missing_agent_settings_refuse_the_call_with_trunk_deleted()
    {
        await using BridgeHarness h = await BridgeHarness.StartAsync(25070);
        h.Directory.Agent = null;
        using var rtp = new RtpTestPeer();
        await using SipTestCaller caller = h.Caller();

        Assert.Equal(403, SipTestCaller.Status(await caller.InviteAsync(SipTestCaller.Offer(rtp.EndPoint.Port))));
        CallEndedEvent ended = await h.Events.WaitForEndedAsync("call-1");
        Assert.Equal(DisconnectReasons.TrunkDeleted, ended.DisconnectReason);
        Assert.Equal(0, h.AgentServer.UpgradeAttempts);
    }

    /// <summary>No caller RTP for the media timeout: BYE with <c>media_timeout</c>, the agent is closed, the call is dropped.</summary>
    [Fact]
    public async Task Media_timeout_hangs_up_and_closes_the_agent()
    {
        await using BridgeHarness h = await BridgeHarness.StartAsync(25080, mediaTimeout: TimeSpan.FromMilliseconds(300));
        using var rtp = new RtpTestPeer();
        await using SipTestCaller caller = h.Caller();
        await caller.InviteAsync(SipTestCaller.Offer(rtp.EndPoint.Port));
        FakeAgentSession session = await h.AgentServer.NextSessionAsync(BridgeHarness.Token());

        await caller.WaitForByeAsync();
        await session.ReceiveWhereAsync("event", "stop", BridgeHarness.Token());

        CallEndedEvent ended = await h.Events.WaitForEndedAsync("call-1");
        Assert.Equal(DisconnectReasons.MediaTimeout, ended.DisconnectReason);
        Assert.Equal(CallOutcome.Dropped, ended.Outcome);
    }
}
