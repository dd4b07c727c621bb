namespace Telepath.Media.Rtp.Engine;

/// <summary>Why a received datagram was not delivered; each reason has its own counter.</summary>
internal enum RtpDropReason
{
    /// <summary>Shorter than the 12-byte RTP header.</summary>
    Short,

    /// <summary>Version field not 2 (RFC 3550 §5.1), e.g. STUN or garbage.</summary>
    WrongVersion,

    /// <summary>Header fields inconsistent with the length (CSRC, extension or padding overrun).</summary>
    Malformed,

    /// <summary>A payload type that was not negotiated.</summary>
    UnknownPayloadType,

    /// <summary>From a source address other than the latched one (symmetric RTP hijack guard).</summary>
    Stranger,

    /// <summary>Already received (jitter buffer).</summary>
    Duplicate,

    /// <summary>Arrived after its gap was declared lost (jitter buffer).</summary>
    Late,

    /// <summary>Too large, a suspected sequence jump or a jitter-buffer overflow.</summary>
    Other,
}
