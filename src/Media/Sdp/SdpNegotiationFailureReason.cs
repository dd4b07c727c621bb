namespace Telepath.Media.Sdp;

/// <summary>Why an offer could not be answered; every value maps to <c>488 Not Acceptable Here</c>.</summary>
public enum SdpNegotiationFailureReason
{
    /// <summary>No active audio stream was offered.</summary>
    NoAudioStream,

    /// <summary>Audio was offered only over transports we do not speak (e.g. RTP/SAVP).</summary>
    IncompatibleTransport,

    /// <summary>Audio was offered, but with no codec we support.</summary>
    NoCommonCodec,

    /// <summary>The audio stream has no connection address at media or session level.</summary>
    MissingConnection,
}
