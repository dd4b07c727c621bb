namespace Telepath.Media.Agents;

/// <summary>
/// Thresholds of the local energy VAD used for providers that do not report caller speech (custom, ElevenLabs).
/// It only marks turn boundaries for the AI-latency metric; it never interrupts the agent.
/// </summary>
public sealed class EnergyVadOptions
{
    /// <summary>Gets or sets the frame RMS level, in dBFS, at or above which a 20 ms frame counts as speech. Default -40 dBFS (telephone speech sits around -20 to -30; line noise below -50).</summary>
    public double SpeechThresholdDbfs { get; set; } = -40;

    /// <summary>Gets or sets how long speech must last before <c>SpeechStarted</c>, filtering clicks. Default 60 ms.</summary>
    public TimeSpan StartDuration { get; set; } = TimeSpan.FromMilliseconds(60);

    /// <summary>Gets or sets how long silence must last before <c>SpeechStopped</c> (hangover bridging pauses between words). Default 400 ms.</summary>
    public TimeSpan Hangover { get; set; } = TimeSpan.FromMilliseconds(400);
}
