namespace Telepath.TestKit.Agents;

/// <summary>What a bot sends on a Twilio Media Streams socket (protocol reference §3.2): <c>media</c>, <c>mark</c>, <c>clear</c>.</summary>
public static class MediaStreamsScript
{
    /// <summary>Sends a <c>media</c> message with base64 μ-law.</summary>
    public static Task SendMediaAsync(this FakeAgentSession session, string streamSid, byte[] muLaw) =>
        session.SendJsonAsync(new { @event = "media", streamSid, media = new { payload = Convert.ToBase64String(muLaw) } });

    /// <summary>Sends a <c>mark</c>.</summary>
    public static Task SendMarkAsync(this FakeAgentSession session, string streamSid, string name) =>
        session.SendJsonAsync(new { @event = "mark", streamSid, mark = new { name } });

    /// <summary>Sends <c>clear</c>.</summary>
    public static Task SendClearAsync(this FakeAgentSession session, string streamSid) =>
        session.SendJsonAsync(new { @event = "clear", streamSid });
}
