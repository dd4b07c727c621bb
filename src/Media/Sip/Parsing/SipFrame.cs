using Telepath.Media.Sip.Message;

namespace Telepath.Media.Sip.Parsing;

/// <summary>One framing decision over a stream buffer.</summary>
/// <param name="Kind">What was found.</param>
/// <param name="Message">The message when <paramref name="Kind"/> is Message.</param>
/// <param name="Consumed">Bytes to remove from the front of the buffer (0 for Invalid).</param>
/// <param name="Error">The reason when <paramref name="Kind"/> is Invalid.</param>
internal readonly record struct SipFrame(SipFrameKind Kind, SipMessage? Message, int Consumed, string? Error);
