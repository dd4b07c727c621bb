namespace Telepath.Api.Contracts;

/// <summary>One SIP message of a call's <c>sip_trace</c>.</summary>
/// <param name="Time">When it was sent or received.</param>
/// <param name="Direction"><c>inbound</c> (received) or <c>outbound</c> (sent).</param>
/// <param name="Remote">Peer transport and address.</param>
/// <param name="Message">The message text.</param>
public sealed record CallSipTraceResource(DateTimeOffset Time, string Direction, string Remote, string Message);
