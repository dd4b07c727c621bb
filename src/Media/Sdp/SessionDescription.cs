namespace Telepath.Media.Sdp;

/// <summary>
/// A parsed SDP session description (RFC 4566 §5). Immutable; build variants with <c>with</c>.
/// Lines the model does not interpret are kept in <see cref="OtherLines"/> so a round trip loses nothing that matters.
/// </summary>
/// <param name="Origin">The <c>o=</c> line.</param>
/// <param name="SessionName">The <c>s=</c> text (RFC 4566 asks for <c>-</c> or a space when there is no name).</param>
public sealed record SessionDescription(SdpOrigin Origin, string SessionName)
{
    /// <summary>Protocol version from <c>v=</c>; always 0.</summary>
    public int Version { get; init; }

    /// <summary>Session-level <c>c=</c>, inherited by media without their own.</summary>
    public SdpConnection? Connection { get; init; }

    /// <summary>Session-level <c>b=</c> lines.</summary>
    public IReadOnlyList<SdpBandwidth> Bandwidths { get; init; } = [];

    /// <summary><c>t=</c> lines; the writer emits <c>t=0 0</c> when empty.</summary>
    public IReadOnlyList<SdpTiming> Timings { get; init; } = [];

    /// <summary>Session-level <c>a=</c> lines in their original order.</summary>
    public IReadOnlyList<SdpAttribute> Attributes { get; init; } = [];

    /// <summary>Other session-level lines (<c>i= u= e= p= r= z= k=</c>, unknown types).</summary>
    public IReadOnlyList<SdpLine> OtherLines { get; init; } = [];

    /// <summary>The media descriptions in order; their indexes matter to offer/answer (RFC 3264 §6).</summary>
    public IReadOnlyList<SdpMediaDescription> Media { get; init; } = [];

    /// <summary>The session-level direction attribute, or null when none is present.</summary>
    public SdpDirection? Direction
    {
        get
        {
            foreach (var attribute in Attributes)
            {
                if (attribute.Value is null && SdpDirections.TryParse(attribute.Name, out var direction))
                {
                    return direction;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// The direction that applies to <paramref name="media"/>: its own attribute, else the session's, else sendrecv
    /// (RFC 4566 §6: a session-level direction is the default for every media description).
    /// </summary>
    public SdpDirection GetEffectiveDirection(SdpMediaDescription media) =>
        media.Direction ?? Direction ?? SdpDirection.SendRecv;

    /// <summary>The connection that applies to <paramref name="media"/>: its own, else the session's (RFC 4566 §5.7).</summary>
    public SdpConnection? GetEffectiveConnection(SdpMediaDescription media) => media.Connection ?? Connection;
}
