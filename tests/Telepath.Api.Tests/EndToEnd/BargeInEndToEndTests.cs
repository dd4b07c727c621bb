using Telepath.TestKit.Agents;

namespace Telepath.Api.Tests.EndToEnd;

/// <summary>
/// Issue #8 barge-in through the real silo program: the agent queues seconds of speech, the caller has heard a
/// little of it, and the agent (or the provider's VAD) interrupts. Every agent frame carries its own index in its
/// bytes, so the caller knows exactly which frames it heard; nothing here measures time.
/// </summary>
[Collection(AudioSiloCollection.Name)]
public sealed class BargeInEndToEndTests
{
    private const int QueuedFrames = 150;
    private const int HeardBeforeInterrupt = 10;
    private static readonly TimeSpan s_quiet = TimeSpan.FromMilliseconds(500);
    private readonly EndToEndSilo _silo;

    public BargeInEndToEndTests(EndToEndSilo silo)
    {
        _silo = silo;
    }

    /// <summary>
    /// Twilio Media Streams <c>clear</c>: the 3 s queue is dropped at once. Counted from the frames the caller had
    /// received when the agent sent clear, at most one more frame may leave the pacer, plus one already on loopback
    /// and one sent while the clear crosses from the agent's socket to the call's loop. Pending marks are answered,
    /// the next agent audio plays at once with the RTP sequence running on (RFC 3550 §5.1), and the record counts
    /// one interruption.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task Custom_agent_clear_stops_playout_within_a_frame_answers_pending_marks_and_later_audio_plays_on()
    {
        await using var call = await SiloCall.CreateAsync(_silo, "custom");
        var session = await call.AnswerAsync();
        var streamSid = (await session.ReceiveWhereAsync("event", "start", SiloCall.Guard())).GetProperty("streamSid").GetString()!;
        var speech = IndexedFrames(0, QueuedFrames);
        for (var chunk = 0; chunk < QueuedFrames / 10; chunk++)
        {
            await session.SendMediaAsync(streamSid, speech.AsSpan(chunk * 1600, 1600).ToArray());
        }

        await session.SendMarkAsync(streamSid, "end-of-answer");
        var heard = new List<RtpReceived>();
        while (heard.Count < HeardBeforeInterrupt)
        {
            heard.Add(await call.Rtp.ReceiveAsync());
        }

        var receivedAtClear = call.Rtp.ReceivedCount;
        await session.SendClearAsync(streamSid);
        var mark = await session.ReceiveWhereAsync("event", "mark", SiloCall.Guard());
        heard.AddRange(await call.Rtp.ReceiveUntilQuietAsync(s_quiet));

        Assert.Equal("end-of-answer", mark.GetProperty("mark").GetProperty("name").GetString());
        AssertInOrderFromFirst(heard);
        Assert.InRange(heard.Count - receivedAtClear, 0, 3);

        var next = IndexedFrames(200, 5);
        await session.SendMediaAsync(streamSid, next);
        var after = new List<RtpReceived>();
        for (var i = 0; i < 5; i++)
        {
            after.Add(await call.Rtp.ReceiveAsync());
        }

        Assert.Equal(next, after.SelectMany(p => p.Payload));
        Assert.Equal((ushort)(heard[^1].Sequence + 1), after[0].Sequence);
        Assert.Equal(heard[0].Ssrc, after[0].Ssrc);

        await call.Sip.SendInDialogAsync("BYE");
        var record = await call.FinalRecordAsync();
        Assert.Equal(1, record.GetProperty("metrics").GetProperty("interruptions").GetInt32());
    }

    /// <summary>
    /// OpenAI research §1.7: on <c>input_audio_buffer.speech_started</c> the silo flushes its playout and sends
    /// <c>conversation.item.truncate</c> for the playing item with <c>audio_end_ms</c> = what was sent as RTP. The
    /// caller heard exactly that many 20 ms frames, plus at most the frame that left while the event crossed from
    /// the adapter to the call's loop and one in the pacer.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task Openai_speech_started_flushes_playout_and_truncates_the_item_at_the_audio_the_caller_heard()
    {
        await using var call = await SiloCall.CreateAsync(_silo, "openai");
        var session = await call.AnswerAsync("0 101");
        await session.ReceiveWhereAsync("type", "session.update", SiloCall.Guard());
        await session.SendResponseCreatedAsync("resp_1");
        await session.SendAudioDeltasAsync("resp_1", "item_a", IndexedFrames(0, QueuedFrames), 15);
        var heard = new List<RtpReceived>();
        while (heard.Count < HeardBeforeInterrupt)
        {
            heard.Add(await call.Rtp.ReceiveAsync());
        }

        await session.SendSpeechStartedAsync("item_u1");
        var truncate = await session.ReceiveWhereAsync("type", "conversation.item.truncate", SiloCall.Guard());
        heard.AddRange(await call.Rtp.ReceiveUntilQuietAsync(s_quiet));

        Assert.Equal("item_a", truncate.GetProperty("item_id").GetString());
        Assert.Equal(0, truncate.GetProperty("content_index").GetInt32());
        var audioEndMs = truncate.GetProperty("audio_end_ms").GetInt32();
        Assert.Equal(0, audioEndMs % 20);
        AssertInOrderFromFirst(heard);
        Assert.InRange(heard.Count, audioEndMs / 20, (audioEndMs / 20) + 2);
        Assert.True(heard.Count < QueuedFrames / 2, "playout stopped long before the 3 s answer was over");
        await call.Sip.SendInDialogAsync("BYE");
    }

    /// <summary><paramref name="count"/> μ-law frames, frame k filled with the byte <paramref name="first"/> + k.</summary>
    private static byte[] IndexedFrames(int first, int count) =>
        Enumerable.Range(first, count).SelectMany(k => Enumerable.Repeat((byte)k, 160)).ToArray();

    /// <summary>The caller heard frames 0, 1, 2, … with none skipped or repeated: nothing after the flush came from later in the queue.</summary>
    private static void AssertInOrderFromFirst(List<RtpReceived> heard)
    {
        for (var i = 0; i < heard.Count; i++)
        {
            Assert.True(heard[i].Payload.All(b => b == i), $"frame {i} carried byte {heard[i].Payload[0]}");
        }
    }
}
