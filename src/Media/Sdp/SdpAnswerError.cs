namespace Telepath.Media.Sdp;

/// <summary>Why the answer to one of our offers cannot be used (<see cref="CodecNegotiator.AcceptAnswer"/>).</summary>
public enum SdpAnswerError
{
    /// <summary>The answer is usable.</summary>
    None,

    /// <summary>RFC 3264 §6: the answer must have exactly as many m-lines as the offer.</summary>
    MediaCountMismatch,

    /// <summary>The answerer rejected our audio stream (port 0, RFC 3264 §6).</summary>
    StreamRejected,

    /// <summary>The answered m-line changed the media type or the transport we offered.</summary>
    IncompatibleStream,

    /// <summary>The answered audio stream has no connection address at media or session level.</summary>
    MissingConnection,

    /// <summary>The answer lists no codec we offered (RFC 3264 §6.1: the answer is a subset of the offer).</summary>
    CodecNotOffered,
}
