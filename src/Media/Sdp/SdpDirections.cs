namespace Telepath.Media.Sdp;

/// <summary>Conversions between <see cref="SdpDirection"/> and its attribute names, and the offer/answer mirror rule.</summary>
public static class SdpDirections
{
    /// <summary>The attribute name (<c>sendrecv</c>, <c>sendonly</c>, <c>recvonly</c>, <c>inactive</c>).</summary>
    public static string ToAttributeName(this SdpDirection direction) => direction switch
    {
        SdpDirection.SendOnly => "sendonly",
        SdpDirection.RecvOnly => "recvonly",
        SdpDirection.Inactive => "inactive",
        _ => "sendrecv",
    };

    /// <summary>Maps an attribute name to a direction; false for any other attribute.</summary>
    public static bool TryParse(string attributeName, out SdpDirection direction)
    {
        switch (attributeName)
        {
            case "sendrecv":
                direction = SdpDirection.SendRecv;
                return true;
            case "sendonly":
                direction = SdpDirection.SendOnly;
                return true;
            case "recvonly":
                direction = SdpDirection.RecvOnly;
                return true;
            case "inactive":
                direction = SdpDirection.Inactive;
                return true;
            default:
                direction = SdpDirection.SendRecv;
                return false;
        }
    }

    /// <summary>
    /// The direction an answerer uses for a stream offered with <paramref name="offered"/>.
    /// RFC 3264 §6.1: sendonly is answered recvonly, recvonly sendonly, inactive inactive, sendrecv sendrecv.
    /// </summary>
    public static SdpDirection Mirror(this SdpDirection offered) => offered switch
    {
        SdpDirection.SendOnly => SdpDirection.RecvOnly,
        SdpDirection.RecvOnly => SdpDirection.SendOnly,
        SdpDirection.Inactive => SdpDirection.Inactive,
        _ => SdpDirection.SendRecv,
    };

    /// <summary>Removes the sending half of a direction (used when the peer must not be sent media).</summary>
    public static SdpDirection WithoutSend(this SdpDirection direction) => direction switch
    {
        SdpDirection.SendRecv => SdpDirection.RecvOnly,
        SdpDirection.SendOnly => SdpDirection.Inactive,
        _ => direction,
    };

    /// <summary>True when the direction includes sending.</summary>
    public static bool CanSend(this SdpDirection direction) =>
        direction is SdpDirection.SendRecv or SdpDirection.SendOnly;

    /// <summary>True when the direction includes receiving.</summary>
    public static bool CanReceive(this SdpDirection direction) =>
        direction is SdpDirection.SendRecv or SdpDirection.RecvOnly;
}
