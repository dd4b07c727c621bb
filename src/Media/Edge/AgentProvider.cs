namespace Telepath.Media.Edge;

/// <summary>The AI agent protocols Telepath speaks.</summary>
public enum AgentProvider
{
    /// <summary>OpenAI Realtime over WebSocket.</summary>
    OpenAi,

    /// <summary>ElevenLabs conversational agent WebSocket.</summary>
    ElevenLabs,

    /// <summary>Any endpoint speaking the Twilio Media Streams JSON protocol.</summary>
    Custom,
}
