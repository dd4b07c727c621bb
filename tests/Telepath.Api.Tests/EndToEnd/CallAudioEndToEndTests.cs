using Microsoft.AspNetCore.Http;
using Telepath.TestKit.Agents;

namespace Telepath.Api.Tests.EndToEnd;

/// <summary>
/// Issue #8 through the real silo program: audio in both directions between a carrier's RTP and a fake agent,
/// in the carrier's codec, and DTMF. Trunks are made with the REST API; the caller authenticates with digest.
/// </summary>
[Collection(AudioSiloCollection.Name)]
public sealed class CallAudioEndToEndTests
{
    private readonly EndToEndSilo _silo;

    public CallAudioEndToEndTests(EndToEndSilo silo)
    {
        _silo = silo;
    }

    /// <summary>
    /// PCMU on a custom trunk is a passthrough: the caller's payloads reach the agent as base64 μ-law byte for byte,
    /// and the agent's μ-law leaves as RTP PT 0 (RFC 3551 §4.5.14) in 20 ms frames whose sequence numbers and
    /// timestamps run on without a gap (RFC 3550 §5.1), even when the agent's chunks are not frame-sized.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task Pcmu_caller_and_custom_agent_exchange_identical_mulaw_bytes_in_continuous_20ms_pt0_frames()
    {
        await using var call = await SiloCall.CreateAsync(_silo, "custom");
        var session = await call.AnswerAsync("0 101");
        var start = await session.ReceiveWhereAsync("event", "start", SiloCall.Guard());
        var streamSid = start.GetProperty("streamSid").GetString()!;

        byte[][] sent = [Frame(1), Frame(70), Frame(140), Frame(210)];
        for (var i = 0; i < sent.Length; i++)
        {
            call.Rtp.Send(call.MediaPort, (ushort)(100 + i), (uint)(160 * i), 0, sent[i]);
        }

        foreach (var frame in sent)
        {
            var media = await session.ReceiveWhereAsync("event", "media", SiloCall.Guard());
            Assert.Equal(Convert.ToBase64String(frame), media.GetProperty("media").GetProperty("payload").GetString());
        }

        // 12 frames of agent audio in chunks that do not line up with frames: the bridge reframes them.
        var agentAudio = Enumerable.Range(0, 12).SelectMany(i => Frame(3 + (i * 17))).ToArray();
        await session.SendMediaAsync(streamSid, agentAudio[..700]);
        await session.SendMediaAsync(streamSid, agentAudio[700..1100]);
        await session.SendMediaAsync(streamSid, agentAudio[1100..]);
        var packets = new List<RtpReceived>();
        for (var i = 0; i < 12; i++)
        {
            packets.Add(await call.Rtp.ReceiveAsync());
        }

        Assert.Equal(agentAudio, packets.SelectMany(p => p.Payload));
        for (var i = 0; i < packets.Count; i++)
        {
            Assert.Equal(0, packets[i].PayloadType);
            Assert.Equal(160, packets[i].Payload.Length);
            Assert.Equal(packets[0].Ssrc, packets[i].Ssrc);
            Assert.Equal((ushort)(packets[0].Sequence + i), packets[i].Sequence);
            Assert.Equal(packets[0].Timestamp + (uint)(160 * i), packets[i].Timestamp);
        }

        Assert.Equal(200, TestKit.Sip.SipTestCaller.Status(await call.Sip.SendInDialogAsync("BYE")));
        var record = await call.FinalRecordAsync();
        Assert.Equal("PCMU", record.GetProperty("codec_used").GetString());
    }

    /// <summary>
    /// A-law on an OpenAI trunk: the adapter negotiates <c>audio/pcma</c> both ways (research §1.3), so the caller's
    /// frames are appended to the input buffer unchanged, and a 1 kHz sine the model speaks comes back as RTP PT 8
    /// (RFC 3551 §4.5.14) that still carries a 1 kHz sine (Goertzel), with nothing at 1.5 kHz.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task Pcma_caller_on_an_openai_trunk_is_passed_as_audio_pcma_and_the_agents_sine_returns_as_pt8_at_the_same_frequency()
    {
        await using var call = await SiloCall.CreateAsync(_silo, "openai");
        var session = await call.AnswerAsync("8 101");
        var update = await session.ReceiveWhereAsync("type", "session.update", SiloCall.Guard());
        var audio = update.GetProperty("session").GetProperty("audio");
        Assert.Equal("audio/pcma", audio.GetProperty("input").GetProperty("format").GetProperty("type").GetString());
        Assert.Equal("audio/pcma", audio.GetProperty("output").GetProperty("format").GetProperty("type").GetString());

        var callerSine = Tone.EncodeALaw(Tone.Sine(1000, 160 * 3));
        for (var i = 0; i < 3; i++)
        {
            call.Rtp.Send(call.MediaPort, (ushort)(7 + i), (uint)(160 * i), 8, callerSine.AsSpan(160 * i, 160));
        }

        var appended = new List<byte>();
        while (appended.Count < callerSine.Length)
        {
            var append = await session.ReceiveWhereAsync("type", "input_audio_buffer.append", SiloCall.Guard());
            appended.AddRange(Convert.FromBase64String(append.GetProperty("audio").GetString()!));
        }

        Assert.Equal(callerSine, appended);

        var agentSine = Tone.EncodeALaw(Tone.Sine(1000, 160 * 20));
        await session.SendResponseCreatedAsync("resp_1");
        await session.SendAudioDeltasAsync("resp_1", "item_a", agentSine, 7);
        var heard = new List<short>();
        for (var i = 0; i < 20; i++)
        {
            var packet = await call.Rtp.ReceiveAsync();
            Assert.Equal(8, packet.PayloadType);
            heard.AddRange(Tone.DecodeALaw(packet.Payload));
        }

        Assert.InRange(Tone.EnergyShareAt([.. heard], 1000), 0.9, 1.1);
        Assert.InRange(Tone.EnergyShareAt([.. heard], 1500), 0, 0.05);
        await call.Sip.SendInDialogAsync("BYE");
        Assert.Equal("PCMA", (await call.FinalRecordAsync()).GetProperty("codec_used").GetString());
    }

    /// <summary>
    /// A-law on an ElevenLabs trunk, whose agents speak <c>ulaw_8000</c> (research §2.3): the private agent's signed URL
    /// is fetched with <c>xi-api-key</c> (research §2.1), the caller's 1 kHz A-law sine reaches the agent as a μ-law
    /// 1 kHz sine, and the agent's μ-law 500 Hz sine comes back as RTP PT 8 still at 500 Hz (Goertzel, not bytes).
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task Pcma_caller_on_an_elevenlabs_trunk_is_transcoded_both_ways_keeping_each_sines_frequency()
    {
        await using var call = await SiloCall.CreateAsync(_silo, "elevenlabs", static async session =>
        {
            await session.SendMetadataAsync();
            await session.Closed;
        });
        string? apiKey = null;
        call.Agent.SignedUrlHandler = context =>
        {
            apiKey = context.Request.Headers["xi-api-key"].ToString();
            return context.Response.WriteAsJsonAsync(new { signed_url = call.Agent.WebSocketUri("/v1/convai/conversation?conversation_signature=e2e").ToString() });
        };
        var session = await call.AnswerAsync("8 101");
        await session.ReceiveWhereAsync("type", "conversation_initiation_client_data", SiloCall.Guard());
        Assert.Equal("xi-test", apiKey);
        Assert.Equal("?conversation_signature=e2e", session.Query);

        var callerSine = Tone.EncodeALaw(Tone.Sine(1000, 160 * 4));
        for (var i = 0; i < 4; i++)
        {
            call.Rtp.Send(call.MediaPort, (ushort)(300 + i), (uint)(160 * i), 8, callerSine.AsSpan(160 * i, 160));
        }

        var agentHeard = new List<short>();
        while (agentHeard.Count < callerSine.Length)
        {
            var chunk = await session.ReceiveWithAsync("user_audio_chunk", SiloCall.Guard());
            agentHeard.AddRange(Tone.DecodeMuLaw(Convert.FromBase64String(chunk.GetProperty("user_audio_chunk").GetString()!)));
        }

        Assert.InRange(Tone.EnergyShareAt([.. agentHeard], 1000), 0.9, 1.1);
        Assert.InRange(Tone.EnergyShareAt([.. agentHeard], 1500), 0, 0.05);

        var agentSine = Tone.EncodeMuLaw(Tone.Sine(500, 160 * 16));
        await session.SendAudioAsync(1, agentSine[..1200]);
        await session.SendAudioAsync(2, agentSine[1200..]);
        var callerHeard = new List<short>();
        for (var i = 0; i < 16; i++)
        {
            var packet = await call.Rtp.ReceiveAsync();
            Assert.Equal(8, packet.PayloadType);
            callerHeard.AddRange(Tone.DecodeALaw(packet.Payload));
        }

        Assert.InRange(Tone.EnergyShareAt([.. callerHeard], 500), 0.9, 1.1);
        Assert.InRange(Tone.EnergyShareAt([.. callerHeard], 1000), 0, 0.05);
        await call.Sip.SendInDialogAsync("BYE");
        Assert.Equal("completed", (await call.FinalRecordAsync()).GetProperty("status").GetString());
    }

    /// <summary>
    /// RFC 4733 §2.5.1.4: a digit's end packet is sent three times with the same timestamp. The agent gets exactly one
    /// <c>dtmf</c> event with that digit; later caller audio, which follows the same path, proves nothing else is coming.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task Rfc4733_digit_with_redundant_end_packets_reaches_the_agent_as_exactly_one_dtmf_event()
    {
        await using var call = await SiloCall.CreateAsync(_silo, "custom");
        var session = await call.AnswerAsync("0 101");
        await session.ReceiveWhereAsync("event", "start", SiloCall.Guard());

        // Digit 9 (event 9), volume 10: two progress packets (the first with the marker), then the end bit three times.
        ushort sequence = 40;
        const uint EventTimestamp = 16_000;
        call.Rtp.Send(call.MediaPort, sequence++, EventTimestamp, 101, [9, 10, 0x00, 0xA0], marker: true);
        call.Rtp.Send(call.MediaPort, sequence++, EventTimestamp, 101, [9, 10, 0x01, 0x40]);
        for (var i = 0; i < 3; i++)
        {
            call.Rtp.Send(call.MediaPort, sequence++, EventTimestamp, 101, [9, 0x80 | 10, 0x03, 0x20]);
        }

        var dtmf = await session.ReceiveWhereAsync("event", "dtmf", SiloCall.Guard());
        Assert.Equal("9", dtmf.GetProperty("dtmf").GetProperty("digit").GetString());

        var after = Frame(33);
        call.Rtp.Send(call.MediaPort, sequence, EventTimestamp + 960, 0, after);
        var media = await session.ReceiveWhereAsync("event", "media", SiloCall.Guard());
        Assert.Equal(Convert.ToBase64String(after), media.GetProperty("media").GetProperty("payload").GetString());
        Assert.Single(session.Received, m => m.Contains("\"event\":\"dtmf\"", StringComparison.Ordinal));
        await call.Sip.SendInDialogAsync("BYE");
    }

    /// <summary>A 160-byte μ-law frame whose bytes count up from <paramref name="seed"/>.</summary>
    internal static byte[] Frame(int seed) => Enumerable.Range(seed, 160).Select(i => (byte)i).ToArray();
}
