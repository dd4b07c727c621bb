namespace Telepath.Grains.Abstractions.Calls;

/// <summary>One SIP message of a call's <c>sip_trace</c>.</summary>
/// <param name="At">When it was sent or received.</param>
/// <param name="Direction"><c>inbound</c> (received) or <c>outbound</c> (sent by Telepath).</param>
/// <param name="Remote">Peer address and transport.</param>
/// <param name="Text">The message text (authorization values already redacted by the media engine).</param>
[GenerateSerializer, Immutable, Alias("telepath.SipTraceData")]
public sealed record SipTraceData(DateTimeOffset At, string Direction, string Remote, string Text);
