using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Telepath.Media.Sdp;

/// <summary>Outcome of <see cref="SdpParser"/>: a description, or an error with the 1-based line where it was found.</summary>
/// <param name="Description">The parsed description on success.</param>
/// <param name="Error">The error, <see cref="SdpParseError.None"/> on success.</param>
/// <param name="LineNumber">1-based line of the error, 0 when it concerns the whole body.</param>
public readonly record struct SdpParseResult(SessionDescription? Description, SdpParseError Error, int LineNumber)
{
    /// <summary>True when <see cref="Description"/> holds the parsed body.</summary>
    [MemberNotNullWhen(true, nameof(Description))]
    public bool IsSuccess => Error == SdpParseError.None && Description is not null;

    /// <summary>A short reason for logs and SIP Warning headers; never echoes the (possibly hostile) input.</summary>
    public string Reason => IsSuccess
        ? "ok"
        : LineNumber > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{Error} at line {LineNumber}")
            : Error.ToString();

    internal static SdpParseResult Fail(SdpParseError error, int lineNumber) => new(null, error, lineNumber);
}
