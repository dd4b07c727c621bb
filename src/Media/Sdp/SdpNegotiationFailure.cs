namespace Telepath.Media.Sdp;

/// <summary>
/// A rejected offer. The caller answers <c>488 Not Acceptable Here</c> (RFC 3261 §21.4.26) and may add
/// <c>Warning: &lt;WarningCode&gt; &lt;host&gt; "&lt;Text&gt;"</c> (RFC 3261 §20.43).
/// </summary>
/// <param name="Reason">The machine-readable reason.</param>
/// <param name="WarningCode">RFC 3261 §20.43 warn-code: 302 transport, 304 media type, 305 media format, 399 other.</param>
/// <param name="Text">Short human-readable explanation, free of input data.</param>
public sealed record SdpNegotiationFailure(SdpNegotiationFailureReason Reason, int WarningCode, string Text)
{
    /// <summary>The SIP status code for every negotiation failure.</summary>
    public const int StatusCode = 488;
}
