namespace Telepath.Media.Sdp;

/// <summary>Local media capabilities used by <see cref="CodecNegotiator"/> to answer offers.</summary>
public sealed class CodecNegotiatorOptions
{
    /// <summary>Supported audio codecs, most preferred first. Default: PCMU, PCMA.</summary>
    public IReadOnlyList<SdpCodec> Codecs { get; set; } = [SdpCodec.Pcmu, SdpCodec.Pcma];

    /// <summary>
    /// When true (default) the first offered format we support wins, honouring the offerer's preference
    /// (RFC 3264 §6.1); when false our <see cref="Codecs"/> order wins.
    /// </summary>
    public bool HonourOffererOrder { get; set; } = true;

    /// <summary>Accept RFC 4733 telephone-event when offered. Default true.</summary>
    public bool TelephoneEvent { get; set; } = true;

    /// <summary>The telephone-event fmtp we answer with: the DTMF digits 0–15. Default <c>0-15</c>.</summary>
    public string TelephoneEventEvents { get; set; } = "0-15";

    /// <summary>Packetisation time in milliseconds when the offer has none or one we cannot do. Default 20.</summary>
    public int DefaultPtime { get; set; } = 20;

    /// <summary>Packetisation times in milliseconds we can send. Default 10, 20, 30, 40, 50, 60.</summary>
    public IReadOnlyList<int> SupportedPtimes { get; set; } = [10, 20, 30, 40, 50, 60];

    /// <summary>The <c>s=</c> line of our answers. Default <c>Telepath</c>.</summary>
    public string SessionName { get; set; } = "Telepath";

    /// <summary>The username field of our <c>o=</c> line. Default <c>telepath</c>.</summary>
    public string OriginUsername { get; set; } = "telepath";
}
