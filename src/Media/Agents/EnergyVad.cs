using Telepath.Media.Codecs;

namespace Telepath.Media.Agents;

/// <summary>
/// A frame-energy voice activity detector over G.711 μ-law: RMS of each frame in dBFS against a threshold, with a
/// short onset requirement and a hangover so pauses between words do not end the turn. Not thread-safe; fed by the
/// call's single owner.
/// </summary>
internal sealed class EnergyVad
{
    private readonly double _thresholdSquared;
    private readonly int _startSamples;
    private readonly int _hangoverSamples;
    private int _speechRun;
    private int _silenceRun;

    /// <summary>Initializes a new instance of the <see cref="EnergyVad"/> class.</summary>
    public EnergyVad(EnergyVadOptions options)
    {
        double amplitude = 32768.0 * Math.Pow(10, options.SpeechThresholdDbfs / 20);
        _thresholdSquared = amplitude * amplitude;
        _startSamples = (int)(options.StartDuration.TotalMilliseconds * 8);
        _hangoverSamples = (int)(options.Hangover.TotalMilliseconds * 8);
    }

    /// <summary>Gets a value indicating whether the caller is currently speaking.</summary>
    public bool InSpeech { get; private set; }

    /// <summary>
    /// Gets how much silence the last <see cref="AgentEventKind.SpeechStopped"/> waited for: the speech ended that long
    /// before the frame that reported it ended (the hangover).
    /// </summary>
    public TimeSpan SilenceBeforeStop { get; private set; }

    /// <summary>Computes the mean square of a μ-law frame's linear samples.</summary>
    public static double MeanSquare(ReadOnlySpan<byte> muLaw)
    {
        if (muLaw.IsEmpty)
        {
            return 0;
        }

        long sum = 0;
        for (int i = 0; i < muLaw.Length; i++)
        {
            int sample = MuLawCodec.DecodeSample(muLaw[i]);
            sum += sample * sample;
        }

        return (double)sum / muLaw.Length;
    }

    /// <summary>Feeds one μ-law frame (8 samples per ms).</summary>
    /// <returns>The transition this frame caused: <see cref="AgentEventKind.SpeechStarted"/>, <see cref="AgentEventKind.SpeechStopped"/>, or null.</returns>
    public AgentEventKind? Process(ReadOnlySpan<byte> muLaw)
    {
        bool loud = MeanSquare(muLaw) >= _thresholdSquared;
        if (loud)
        {
            _silenceRun = 0;
            _speechRun += muLaw.Length;
            if (!InSpeech && _speechRun >= _startSamples)
            {
                InSpeech = true;
                return AgentEventKind.SpeechStarted;
            }

            return null;
        }

        _speechRun = 0;
        if (!InSpeech)
        {
            return null;
        }

        _silenceRun += muLaw.Length;
        if (_silenceRun >= _hangoverSamples)
        {
            InSpeech = false;
            SilenceBeforeStop = TimeSpan.FromMilliseconds(_silenceRun / 8.0);
            _silenceRun = 0;
            return AgentEventKind.SpeechStopped;
        }

        return null;
    }
}
