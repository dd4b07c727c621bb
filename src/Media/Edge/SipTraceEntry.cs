namespace Telepath.Media.Edge;

/// <summary>One SIP message of a call, for its <c>sip_trace</c>.</summary>
/// <param name="At">When it was sent or received.</param>
/// <param name="Outbound">True for messages Telepath sent.</param>
/// <param name="Remote">The peer address (ip:port) and transport, e.g. <c>udp 203.0.113.5:5060</c>.</param>
/// <param name="Text">The message as it went over the wire (authorization values redacted).</param>
public sealed record SipTraceEntry(DateTimeOffset At, bool Outbound, string Remote, string Text);
