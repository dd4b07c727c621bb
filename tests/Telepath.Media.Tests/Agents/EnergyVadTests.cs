using Telepath.Media.Agents;
using Telepath.Media.Codecs;

namespace Telepath.Media.Tests.Agents;

/// <summary>The local energy VAD on synthetic μ-law: tones stand in for speech, near-silence for pauses and line noise.</summary>
public sealed class EnergyVadTests
{
    private const int Frame = 160;

    [Fact]
    public void Speech_starts_after_the_onset_time_and_stops_after_the_hangover()
    {
        var vad = new EnergyVad(new EnergyVadOptions());
        var transitions = new List<(int Frame, AgentEventKind Kind)>();
        byte[] speech = VadTone.Frame(-20);
        byte[] silence = VadTone.Frame(-70);

        for (int i = 0; i < 50; i++)
        {
            Record(vad.Process(speech), i, transitions);
        }

        for (int i = 50; i < 100; i++)
        {
            Record(vad.Process(silence), i, transitions);
        }

        // 60 ms onset = the third 20 ms frame; 400 ms hangover = the twentieth silent frame.
        Assert.Equal([(2, AgentEventKind.SpeechStarted), (69, AgentEventKind.SpeechStopped)], transitions);
        Assert.False(vad.InSpeech);

        // The speech itself ended with frame 49: the stop reports the 400 ms of silence it waited for.
        Assert.Equal(TimeSpan.FromMilliseconds(400), vad.SilenceBeforeStop);
    }

    [Fact]
    public void A_click_shorter_than_the_onset_is_not_speech()
    {
        var vad = new EnergyVad(new EnergyVadOptions());

        AgentEventKind? click = vad.Process(VadTone.Frame(-6));
        AgentEventKind? after = vad.Process(VadTone.Frame(-70));

        Assert.Null(click);
        Assert.Null(after);
        Assert.False(vad.InSpeech);
    }

    [Fact]
    public void Line_noise_below_the_threshold_never_starts_speech()
    {
        var vad = new EnergyVad(new EnergyVadOptions { SpeechThresholdDbfs = -40 });

        for (int i = 0; i < 100; i++)
        {
            Assert.Null(vad.Process(VadTone.Frame(-50)));
        }
    }

    [Fact]
    public void A_pause_shorter_than_the_hangover_does_not_end_the_turn()
    {
        var vad = new EnergyVad(new EnergyVadOptions { Hangover = TimeSpan.FromMilliseconds(400) });
        var transitions = new List<(int Frame, AgentEventKind Kind)>();
        int index = 0;

        foreach ((double level, int frames) in new[] { (-20.0, 10), (-70.0, 15), (-20.0, 10), (-70.0, 25) })
        {
            byte[] frame = VadTone.Frame(level);
            for (int i = 0; i < frames; i++)
            {
                Record(vad.Process(frame), index++, transitions);
            }
        }

        // One turn: the 300 ms pause is bridged, the final silence ends it 400 ms in (frame 35 + 19).
        Assert.Equal([(2, AgentEventKind.SpeechStarted), (54, AgentEventKind.SpeechStopped)], transitions);
    }

    [Fact]
    public void Mean_square_of_a_full_scale_square_wave_is_close_to_full_scale()
    {
        byte[] square = new byte[Frame];
        for (int i = 0; i < Frame; i++)
        {
            square[i] = MuLawCodec.EncodeSample(i % 2 == 0 ? short.MaxValue : short.MinValue);
        }

        double dbfs = 10 * Math.Log10(EnergyVad.MeanSquare(square) / (32768.0 * 32768.0));

        Assert.InRange(dbfs, -0.5, 0.0);
        Assert.Equal(0, EnergyVad.MeanSquare(ReadOnlySpan<byte>.Empty));
    }

    /// <summary>A 20 ms, 440 Hz μ-law tone whose RMS is <paramref name="dbfs"/>.</summary>
    private static void Record(AgentEventKind? transition, int frame, List<(int Frame, AgentEventKind Kind)> transitions)
    {
        if (transition is { } kind)
        {
            transitions.Add((frame, kind));
        }
    }
}
