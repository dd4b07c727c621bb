namespace Telepath.Media.Sdp;

/// <summary>A <c>t=</c> line (RFC 4566 §5.9); telephony always uses <c>0 0</c> (unbounded).</summary>
/// <param name="Start">NTP start time, 0 for unbounded.</param>
/// <param name="Stop">NTP stop time, 0 for unbounded.</param>
public sealed record SdpTiming(ulong Start, ulong Stop)
{
    /// <summary>The permanent session <c>t=0 0</c>.</summary>
    public static SdpTiming Unbounded { get; } = new(0, 0);
}
