using System.Net;
using System.Net.Sockets;
using Telepath.TestKit.Agents;
using Telepath.TestKit.Network;
using Telepath.TestKit.Sip;

namespace Telepath.Api.Tests.EndToEnd;

/// <summary>
/// Issue #8 mid-call and early-call signalling through the real silo program: hold and unhold by re-INVITE, and a
/// CANCEL that arrives while the agent is still being dialled.
/// </summary>
[Collection(AudioSiloCollection.Name)]
public sealed class CallSignallingEndToEndTests
{
    private static readonly TimeSpan s_quiet = TimeSpan.FromMilliseconds(500);
    private readonly EndToEndSilo _silo;

    public CallSignallingEndToEndTests(EndToEndSilo silo)
    {
        _silo = silo;
    }

    /// <summary>
    /// RFC 3264 §8.4: a re-INVITE with <c>a=sendonly</c> puts the call on hold; the silo answers <c>recvonly</c> and
    /// sends no more agent audio — neither the 5 s in the pacer nor the 2 s still waiting behind it, nor what the
    /// agent says while held. <c>a=sendrecv</c> resumes, and the agent's next words are the first the caller hears.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task Hold_stops_all_queued_agent_audio_and_unhold_plays_the_agents_next_words_first()
    {
        await using var call = await SiloCall.CreateAsync(_silo, "custom");
        var session = await call.AnswerAsync();
        var streamSid = (await session.ReceiveWhereAsync("event", "start", SiloCall.Guard())).GetProperty("streamSid").GetString()!;
        // 7 s of speech: more than the pacer's 250 frames, so the bridge's own backlog holds the rest.
        for (var chunk = 0; chunk < 35; chunk++)
        {
            await session.SendMediaAsync(streamSid, Frames(chunk * 10, 10, k => k % 100));
        }

        var heard = new List<RtpReceived>();
        while (heard.Count < 5)
        {
            heard.Add(await call.Rtp.ReceiveAsync());
        }

        var hold = await call.Sip.SendInDialogAsync("INVITE", SipTestCaller.Offer(call.Rtp.Port, "0 101", "sendonly"));
        Assert.True(SipTestCaller.Status(hold) == 200, hold);
        Assert.Contains("a=recvonly", SipTestCaller.Body(hold), StringComparison.Ordinal);
        var receivedAtHold = call.Rtp.ReceivedCount;
        await session.SendMediaAsync(streamSid, Frames(150, 5, k => k));
        heard.AddRange(await call.Rtp.ReceiveUntilQuietAsync(s_quiet));

        // Only frames already leaving when the hold took effect: one in the pacer, one on loopback, one for the
        // hop from the dialog to the call's loop. The same prefix of the speech, in order.
        Assert.InRange(heard.Count - receivedAtHold, 0, 3);
        for (var i = 0; i < heard.Count; i++)
        {
            Assert.Equal(i % 100, heard[i].Payload[0]);
        }

        var unhold = await call.Sip.SendInDialogAsync("INVITE", SipTestCaller.Offer(call.Rtp.Port, "0 101"));
        Assert.True(SipTestCaller.Status(unhold) == 200, unhold);
        Assert.Contains("a=sendrecv", SipTestCaller.Body(unhold), StringComparison.Ordinal);
        var next = Frames(200, 5, k => k);
        await session.SendMediaAsync(streamSid, next);
        var resumed = new List<RtpReceived>();
        for (var i = 0; i < 5; i++)
        {
            resumed.Add(await call.Rtp.ReceiveAsync());
        }

        Assert.Equal(next, resumed.SelectMany(p => p.Payload));
        await call.Sip.SendInDialogAsync("BYE");
    }

    /// <summary>
    /// RFC 3261 §9.2: a CANCEL while the INVITE is pending (the agent's handshake is hanging) is answered 200 and the
    /// INVITE 487; the half-open agent connection is closed rather than left to its timeout and retries, and the
    /// record is <c>failed</c>/<c>cancelled</c>.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task Cancel_while_the_agent_is_connecting_answers_487_and_closes_the_agent_connection()
    {
        // An agent that accepts TCP and never answers the WebSocket upgrade.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            await using var call = await SiloCall.CreateAsync(_silo, "custom", agentUrl: new Uri($"ws://127.0.0.1:{port}/bot"));
            var ringing = await call.Sip.InviteUntilProvisionalAsync(SipTestCaller.Offer(call.Rtp.Port));
            using var agentSide = await listener.AcceptTcpClientAsync(SiloCall.Guard());

            var cancelled = await call.Sip.CancelAsync();
            var final = await call.Sip.FinishInviteAsync();

            Assert.Equal(180, SipTestCaller.Status(ringing));
            Assert.Equal(200, SipTestCaller.Status(cancelled));
            Assert.Equal(487, SipTestCaller.Status(final));
            Assert.True(await PeerClose.ClosedByPeerAsync(agentSide.Client, TimeSpan.FromSeconds(10)), "the silo closed its half-open agent connection");
            var record = await call.FinalRecordAsync();
            Assert.Equal("failed", record.GetProperty("status").GetString());
            Assert.Equal("cancelled", record.GetProperty("disconnect_reason").GetString());
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary><paramref name="count"/> μ-law frames from index <paramref name="first"/>, frame k filled with the byte <paramref name="fill"/>(k).</summary>
    private static byte[] Frames(int first, int count, Func<int, int> fill) =>
        Enumerable.Range(first, count).SelectMany(k => Enumerable.Repeat((byte)fill(k), 160)).ToArray();
}
