namespace Telepath.Media.Sdp;

/// <summary>
/// Bounds that keep a hostile SDP body from costing memory or CPU. The defaults are far above what any carrier sends
/// (a typical telephony offer is 200–600 bytes, 10–25 lines, one or two media).
/// </summary>
public sealed record SdpParserLimits
{
    /// <summary>The default limits.</summary>
    public static SdpParserLimits Default { get; } = new();

    /// <summary>Maximum body size in bytes (UTF-8). Default 16384.</summary>
    public int MaxBytes { get; init; } = 16 * 1024;

    /// <summary>Maximum number of lines. Default 512.</summary>
    public int MaxLines { get; init; } = 512;

    /// <summary>Maximum length of one line in characters. Default 2048.</summary>
    public int MaxLineLength { get; init; } = 2048;

    /// <summary>Maximum number of <c>m=</c> lines. Default 16.</summary>
    public int MaxMediaDescriptions { get; init; } = 16;

    /// <summary>Maximum number of formats on one <c>m=</c> line. Default 64.</summary>
    public int MaxFormatsPerMedia { get; init; } = 64;
}
