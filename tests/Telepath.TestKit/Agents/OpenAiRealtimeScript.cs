namespace Telepath.TestKit.Agents;

/// <summary>OpenAI Realtime (GA) server events, shaped as in the protocol reference §1.6.</summary>
public static class OpenAiRealtimeScript
{
    /// <summary>Sends <c>session.created</c>, as the server does first.</summary>
    public static Task SendSessionCreatedAsync(this FakeAgentSession session) =>
        session.SendJsonAsync(new { type = "session.created", event_id = "event_1", session = new { type = "realtime", id = "sess_fake" } });

    /// <summary>Sends <c>response.created</c>.</summary>
    public static Task SendResponseCreatedAsync(this FakeAgentSession session, string responseId) =>
        session.SendJsonAsync(new { type = "response.created", event_id = "event_rc", response = new { id = responseId, @object = "realtime.response", status = "in_progress" } });

    /// <summary>Sends <paramref name="audio"/> as <paramref name="deltas"/> <c>response.output_audio.delta</c> events of near-equal size.</summary>
    public static async Task SendAudioDeltasAsync(this FakeAgentSession session, string responseId, string itemId, byte[] audio, int deltas)
    {
        int offset = 0;
        for (int i = 0; i < deltas; i++)
        {
            int length = (audio.Length - offset) / (deltas - i);
            await session.SendJsonAsync(new
            {
                type = "response.output_audio.delta",
                event_id = "event_d" + i,
                response_id = responseId,
                item_id = itemId,
                output_index = 0,
                content_index = 0,
                delta = Convert.ToBase64String(audio, offset, length),
            }).ConfigureAwait(false);
            offset += length;
        }
    }

    /// <summary>Sends <c>response.done</c> with the given status.</summary>
    public static Task SendResponseDoneAsync(this FakeAgentSession session, string responseId, string status = "completed") =>
        session.SendJsonAsync(new { type = "response.done", event_id = "event_rd", response = new { id = responseId, status } });

    /// <summary>Sends <c>input_audio_buffer.speech_started</c>.</summary>
    public static Task SendSpeechStartedAsync(this FakeAgentSession session, string itemId, int audioStartMs = 1000) =>
        session.SendJsonAsync(new { type = "input_audio_buffer.speech_started", event_id = "event_ss", audio_start_ms = audioStartMs, item_id = itemId });

    /// <summary>Sends <c>input_audio_buffer.speech_stopped</c>.</summary>
    public static Task SendSpeechStoppedAsync(this FakeAgentSession session, string itemId, int audioEndMs = 2000) =>
        session.SendJsonAsync(new { type = "input_audio_buffer.speech_stopped", event_id = "event_sp", audio_end_ms = audioEndMs, item_id = itemId });

    /// <summary>Sends an <c>error</c> event.</summary>
    public static Task SendErrorAsync(this FakeAgentSession session, string type, string code, string message) =>
        session.SendJsonAsync(new { type = "error", event_id = "event_err", error = new { type, code, message, param = (string?)null, event_id = (string?)null } });
}
