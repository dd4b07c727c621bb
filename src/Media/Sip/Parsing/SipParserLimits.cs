namespace Telepath.Media.Sip.Parsing;

/// <summary>
/// Upper bounds the parser enforces so that no input can make it use unbounded memory; exceeding one makes the
/// message <see cref="SipParseStatus.Invalid"/>.
/// </summary>
internal sealed record SipParserLimits
{
    /// <summary>The defaults: 64 KiB message, 8 KiB header line, 256 fields, 16 KiB datagram body, 64 KiB stream body.</summary>
    public static SipParserLimits Default { get; } = new();

    /// <summary>Maximum size of a whole message (start line + headers + body), in bytes. Default 65536.</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024;

    /// <summary>Maximum length of the start line or of one header field after unfolding, in bytes. Default 8192.</summary>
    public int MaxHeaderLineBytes { get; init; } = 8 * 1024;

    /// <summary>Maximum number of header fields (lines). Default 256.</summary>
    public int MaxHeaderCount { get; init; } = 256;

    /// <summary>Maximum body size with <see cref="SipFraming.Datagram"/>, in bytes. Default 16384.</summary>
    public int MaxDatagramBodyBytes { get; init; } = 16 * 1024;

    /// <summary>Maximum body size with <see cref="SipFraming.Stream"/>, in bytes. Default 65536.</summary>
    public int MaxStreamBodyBytes { get; init; } = 64 * 1024;
}
