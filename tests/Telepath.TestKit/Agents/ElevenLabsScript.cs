namespace Telepath.TestKit.Agents;

/// <summary>ElevenLabs agent WebSocket server messages, shaped as in the protocol reference §2.3.</summary>
public static class ElevenLabsScript
{
    /// <summary>Sends <c>conversation_initiation_metadata</c> with the agent's audio formats.</summary>
    public static Task SendMetadataAsync(this FakeAgentSession session, string output = "ulaw_8000", string input = "ulaw_8000") =>
        session.SendJsonAsync(new
        {
            type = "conversation_initiation_metadata",
            conversation_initiation_metadata_event = new { conversation_id = "conv_fake", agent_output_audio_format = output, user_input_audio_format = input },
        });

    /// <summary>Sends one <c>audio</c> event.</summary>
    public static Task SendAudioAsync(this FakeAgentSession session, int eventId, byte[] audio) =>
        session.SendJsonAsync(new { type = "audio", audio_event = new { audio_base_64 = Convert.ToBase64String(audio), event_id = eventId } });

    /// <summary>Sends an <c>interruption</c> for the given audio event id.</summary>
    public static Task SendInterruptionAsync(this FakeAgentSession session, int eventId) =>
        session.SendJsonAsync(new { type = "interruption", interruption_event = new { event_id = eventId } });

    /// <summary>Sends a <c>ping</c>.</summary>
    public static Task SendPingAsync(this FakeAgentSession session, int eventId, int pingMs = 40) =>
        session.SendJsonAsync(new { type = "ping", ping_event = new { event_id = eventId, ping_ms = pingMs } });

    /// <summary>Sends an <c>agent_response</c> transcript.</summary>
    public static Task SendAgentResponseAsync(this FakeAgentSession session, string text) =>
        session.SendJsonAsync(new { type = "agent_response", agent_response_event = new { agent_response = text } });

    /// <summary>Sends a <c>user_transcript</c>.</summary>
    public static Task SendUserTranscriptAsync(this FakeAgentSession session, string text) =>
        session.SendJsonAsync(new { type = "user_transcript", user_transcription_event = new { user_transcript = text } });
}
