using Telepath.Media.Agents;

namespace Telepath.Media.Tests.Agents;

/// <summary>Positions on a provider's input-audio clock map back to when that caller audio arrived.</summary>
public sealed class InputAudioClockTests
{
    private const long Frequency = 1_000_000;

    [Fact]
    public void A_position_inside_a_frame_is_dated_back_from_that_frames_arrival()
    {
        var clock = new InputAudioClock(8000, Frequency);
        for (int frame = 0; frame < 100; frame++)
        {
            // 20 ms frames (160 samples) arriving every 20 ms, starting at t = 1 s, each a little late (jitter).
            clock.OnSent(160, 1_000_000 + ((frame + 1) * 20_000) + (frame % 3 * 1_000));
        }

        // 1 500 ms is the end of frame 74 (arrived at 1 s + 75 × 20 ms + 2 ms): exactly its arrival.
        Assert.True(clock.TryGetArrival(1500, out long end));
        Assert.Equal(1_000_000 + 1_500_000 + 2_000, end);

        // 1 495 ms lies 5 ms before the end of frame 74.
        Assert.True(clock.TryGetArrival(1495, out long inside));
        Assert.Equal(end - 5_000, inside);

        // Position 0 is the start of the first frame, 20 ms before it arrived complete.
        Assert.True(clock.TryGetArrival(0, out long first));
        Assert.Equal(1_000_000, first);
    }

    [Fact]
    public void Positions_beyond_the_audio_sent_or_older_than_the_ring_are_unknown()
    {
        var clock = new InputAudioClock(8000, Frequency);
        Assert.False(clock.TryGetArrival(0, out _));
        for (int frame = 0; frame < InputAudioClock.Capacity + 10; frame++)
        {
            clock.OnSent(160, frame * 20_000L);
        }

        long sentMs = (InputAudioClock.Capacity + 10) * 20L;
        Assert.True(clock.TryGetArrival(sentMs, out _));
        Assert.False(clock.TryGetArrival(sentMs + 1, out _));
        Assert.False(clock.TryGetArrival(0, out _));
        Assert.False(clock.TryGetArrival(10 * 20, out _));
        Assert.True(clock.TryGetArrival(12 * 20, out long kept));
        Assert.Equal(11 * 20_000L, kept);
    }
}
