namespace Telepath.Media.Sdp;

/// <summary>Media direction attribute of RFC 4566 §6 (RFC 3264 §5.1), seen from the side that wrote the SDP.</summary>
public enum SdpDirection
{
    /// <summary>Send and receive; the default when no direction attribute is present.</summary>
    SendRecv,

    /// <summary>Send only.</summary>
    SendOnly,

    /// <summary>Receive only.</summary>
    RecvOnly,

    /// <summary>Neither send nor receive.</summary>
    Inactive,
}
