namespace Telepath.Media.Agents;

/// <summary>The small, closed set of things an agent connection reports to the call bridge.</summary>
internal enum AgentEventKind
{
    /// <summary>Agent audio in the carrier's codec; the consumer returns the pooled buffer with <see cref="AgentEvent.ReturnBuffer"/>.</summary>
    AudioChunk,

    /// <summary>The caller started speaking (provider VAD, or the local energy VAD for providers without one).</summary>
    SpeechStarted,

    /// <summary>The caller stopped speaking: the start of the AI-latency clock.</summary>
    SpeechStopped,

    /// <summary>The agent started a response.</summary>
    ResponseStarted,

    /// <summary>The agent finished (or cancelled) a response.</summary>
    ResponseDone,

    /// <summary>Drop all queued agent audio now: barge-in (OpenAI speech start, ElevenLabs interruption, custom <c>clear</c>).</summary>
    Clear,

    /// <summary>A mark the agent placed in its audio has been played to the caller; <see cref="AgentEvent.Text"/> is its name.</summary>
    MarkReached,

    /// <summary>A final transcript line; <see cref="AgentEvent.Speaker"/> says whose.</summary>
    Transcript,

    /// <summary>The agent ended the conversation; the bridge hangs up with <c>agent_hangup</c>. Always the last event.</summary>
    Hangup,

    /// <summary>A fatal protocol or provider error; the connection is closed. Always the last event.</summary>
    Error,
}
