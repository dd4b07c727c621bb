namespace Telepath.Media.Agents;

/// <summary>
/// Maps a position on a provider's input-audio clock (milliseconds of caller audio sent since the session began) back
/// to the instant that audio arrived from the caller. OpenAI reports the end of the caller's speech as such a position
/// (<c>audio_end_ms</c> of <c>input_audio_buffer.speech_stopped</c>), and the event itself comes only after its VAD's
/// silence window and the server's own processing; the AI latency the spec defines starts when the caller stopped
/// speaking, so the bridge needs the instant, not the event's arrival.
/// </summary>
/// <remarks>
/// A ring of the last <see cref="Capacity"/> frames sent: the clock position at each frame's end and when the frame
/// arrived. Written by the carrier leg (one frame per packet, no allocation), read when a speech event comes in.
/// </remarks>
internal sealed class InputAudioClock
{
    /// <summary>Frames remembered (about 20 s at 20 ms).</summary>
    public const int Capacity = 1024;

    private readonly Lock _gate = new();
    private readonly long[] _endSamples = new long[Capacity];
    private readonly long[] _arrivals = new long[Capacity];
    private readonly int _samplesPerMillisecond;
    private readonly long _frequency;
    private long _frames;
    private long _samples;

    /// <summary>Creates a clock for audio of <paramref name="sampleRate"/> Hz on a timestamp clock of <paramref name="timestampFrequency"/>.</summary>
    public InputAudioClock(int sampleRate, long timestampFrequency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(timestampFrequency, 1);
        _samplesPerMillisecond = sampleRate / 1000;
        _frequency = timestampFrequency;
    }

    /// <summary>Records one frame of <paramref name="samples"/> samples handed to the provider, which arrived at <paramref name="arrival"/>.</summary>
    public void OnSent(int samples, long arrival)
    {
        lock (_gate)
        {
            _samples += samples;
            int slot = (int)(_frames % Capacity);
            _endSamples[slot] = _samples;
            _arrivals[slot] = arrival;
            _frames++;
        }
    }

    /// <summary>Finds when the audio at <paramref name="positionMs"/> on the input clock arrived from the caller.</summary>
    /// <returns>False when the position lies beyond the audio sent or before the frames remembered.</returns>
    public bool TryGetArrival(long positionMs, out long arrival)
    {
        arrival = 0;
        long position = positionMs * _samplesPerMillisecond;
        lock (_gate)
        {
            if (_frames == 0 || position > _samples)
            {
                return false;
            }

            // Walk back from the newest frame to the one whose span holds the position (speech ends a fraction of a
            // second before the event, so this is a few dozen steps at most).
            long oldest = Math.Max(0, _frames - Capacity);
            for (long frame = _frames - 1; frame >= oldest; frame--)
            {
                long start;
                if (frame == 0)
                {
                    start = 0;
                }
                else if (frame == oldest)
                {
                    // The frame before it has left the ring, so where this one starts is no longer known.
                    return false;
                }
                else
                {
                    start = _endSamples[(int)((frame - 1) % Capacity)];
                }

                // A position on a boundary is the end of the earlier frame: that audio arrived with it.
                if (position > start || frame == 0)
                {
                    int slot = (int)(frame % Capacity);
                    long samplesAfter = _endSamples[slot] - position;
                    arrival = _arrivals[slot] - (samplesAfter * _frequency / (_samplesPerMillisecond * 1000L));
                    return true;
                }
            }

            return false;
        }
    }
}
