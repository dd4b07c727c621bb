namespace Telepath.Media.Agents;

/// <summary>Audio formats on either side of an agent connection.</summary>
internal enum AgentAudioFormat
{
    /// <summary>G.711 μ-law at 8 kHz (RTP PCMU, OpenAI <c>audio/pcmu</c>, ElevenLabs <c>ulaw_8000</c>, Twilio <c>audio/x-mulaw</c>).</summary>
    MuLaw8000,

    /// <summary>G.711 A-law at 8 kHz (RTP PCMA, OpenAI <c>audio/pcma</c>).</summary>
    ALaw8000,
}
