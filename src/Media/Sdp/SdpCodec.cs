namespace Telepath.Media.Sdp;

/// <summary>An audio encoding we can negotiate, identified as SDP names it (RFC 3551 §6, RFC 4566 §6 rtpmap).</summary>
/// <param name="Name">Encoding name as in rtpmap, e.g. <c>PCMU</c>; matched case-insensitively.</param>
/// <param name="ClockRate">RTP clock rate in Hz as written in rtpmap.</param>
/// <param name="StaticPayloadType">The RFC 3551 static payload type, or null for a dynamic-only encoding.</param>
/// <param name="Channels">Channel count; 1 for telephony.</param>
public sealed record SdpCodec(string Name, int ClockRate, int? StaticPayloadType, int Channels = 1)
{
    /// <summary>G.711 μ-law, static payload type 0 (RFC 3551 §4.5.14).</summary>
    public static SdpCodec Pcmu { get; } = new("PCMU", 8000, 0);

    /// <summary>G.711 A-law, static payload type 8 (RFC 3551 §4.5.14).</summary>
    public static SdpCodec Pcma { get; } = new("PCMA", 8000, 8);

    /// <summary>
    /// G.722, static payload type 9. RFC 3551 §4.5.2: its RTP clock rate is 8000 although it samples at 16 kHz,
    /// an error kept for backward compatibility.
    /// </summary>
    public static SdpCodec G722 { get; } = new("G722", 8000, 9);

    /// <summary>The RFC 4733 named-event format name.</summary>
    public const string TelephoneEventName = "telephone-event";
}
