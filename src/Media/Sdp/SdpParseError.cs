namespace Telepath.Media.Sdp;

/// <summary>Why an SDP body was rejected. The caller answers an offer it cannot parse with 400 or 488.</summary>
public enum SdpParseError
{
    /// <summary>No error.</summary>
    None,

    /// <summary>The body exceeds <see cref="SdpParserLimits.MaxBytes"/>.</summary>
    TooLarge,

    /// <summary>The body has more lines than <see cref="SdpParserLimits.MaxLines"/>.</summary>
    TooManyLines,

    /// <summary>A line exceeds <see cref="SdpParserLimits.MaxLineLength"/>.</summary>
    LineTooLong,

    /// <summary>A line is not of the form <c>&lt;letter&gt;=&lt;value&gt;</c> or holds control characters.</summary>
    MalformedLine,

    /// <summary>The first line is not <c>v=</c>.</summary>
    MissingVersion,

    /// <summary><c>v=</c> is not 0.</summary>
    UnsupportedVersion,

    /// <summary>No <c>o=</c> line.</summary>
    MissingOrigin,

    /// <summary>The <c>o=</c> line does not have six fields or a numeric version.</summary>
    InvalidOrigin,

    /// <summary>No <c>s=</c> line.</summary>
    MissingSessionName,

    /// <summary>A line that may appear only once appears twice, or a session line appears after media.</summary>
    UnexpectedLine,

    /// <summary>A <c>c=</c> line is malformed, not <c>IN</c>, or its address is not a literal of its type.</summary>
    InvalidConnection,

    /// <summary>A <c>b=</c> line is malformed.</summary>
    InvalidBandwidth,

    /// <summary>A <c>t=</c> line is malformed.</summary>
    InvalidTiming,

    /// <summary>No <c>m=</c> line.</summary>
    MissingMedia,

    /// <summary>An <c>m=</c> line is malformed (missing fields, no formats on an active stream).</summary>
    InvalidMedia,

    /// <summary>An <c>m=</c> port or port count is not a number in range.</summary>
    InvalidPort,

    /// <summary>More <c>m=</c> lines than <see cref="SdpParserLimits.MaxMediaDescriptions"/>.</summary>
    TooManyMediaDescriptions,

    /// <summary>An <c>m=</c> line lists more formats than <see cref="SdpParserLimits.MaxFormatsPerMedia"/>.</summary>
    TooManyFormats,
}
