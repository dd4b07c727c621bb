using System.Globalization;
using System.Text;

namespace Telepath.Media.Sdp;

/// <summary>
/// Tolerant, bounded SDP parser (RFC 4566). Accepts CRLF or bare LF line ends and blank lines, keeps unknown line types
/// and attributes, and rejects hostile or unusable bodies with a reason instead of throwing. Runs once per offer,
/// not per packet, so it builds an object model.
/// </summary>
public static partial class SdpParser
{
    private static readonly char[] s_space = [' '];

    /// <summary>Parses a UTF-8 SDP body, as found in a SIP message.</summary>
    public static SdpParseResult Parse(ReadOnlySpan<byte> body, SdpParserLimits? limits = null)
    {
        limits ??= SdpParserLimits.Default;
        if (body.Length > limits.MaxBytes)
        {
            return SdpParseResult.Fail(SdpParseError.TooLarge, 0);
        }

        return ParseText(Encoding.UTF8.GetString(body), limits);
    }

    /// <summary>Parses an SDP body given as text.</summary>
    public static SdpParseResult Parse(string text, SdpParserLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        limits ??= SdpParserLimits.Default;
        if (text.Length > limits.MaxBytes || Encoding.UTF8.GetByteCount(text) > limits.MaxBytes)
        {
            return SdpParseResult.Fail(SdpParseError.TooLarge, 0);
        }

        return ParseText(text, limits);
    }

    private static SdpParseResult ParseText(string text, SdpParserLimits limits)
    {
        var state = new SdpParseState();
        var position = 0;
        var lineNumber = 0;
        while (position < text.Length)
        {
            var newline = text.IndexOf('\n', position);
            var end = newline < 0 ? text.Length : newline;
            var line = text.AsSpan(position, end - position);
            position = end + 1;
            lineNumber++;
            if (lineNumber > limits.MaxLines)
            {
                return SdpParseResult.Fail(SdpParseError.TooManyLines, lineNumber);
            }

            if (line.Length > 0 && line[^1] == '\r')
            {
                line = line[..^1];
            }

            if (line.IsEmpty)
            {
                continue;
            }

            if (line.Length > limits.MaxLineLength)
            {
                return SdpParseResult.Fail(SdpParseError.LineTooLong, lineNumber);
            }

            // RFC 4566 §5: <type>=<value>, type one lower-case letter; text may not hold NUL, CR or LF.
            if (line.Length < 2 || line[1] != '=' || line[0] is < 'a' or > 'z' || line.IndexOfAny('\0', '\r') >= 0)
            {
                return SdpParseResult.Fail(SdpParseError.MalformedLine, lineNumber);
            }

            var error = ParseLine(state, line[0], line[2..].ToString(), limits);
            if (error != SdpParseError.None)
            {
                return SdpParseResult.Fail(error, lineNumber);
            }
        }

        var buildError = state.Build(out var description);
        return buildError == SdpParseError.None
            ? new SdpParseResult(description, SdpParseError.None, 0)
            : SdpParseResult.Fail(buildError, 0);
    }

    private static SdpParseError ParseLine(SdpParseState state, char type, string value, SdpParserLimits limits)
    {
        if (!state.SeenVersion)
        {
            if (type != 'v')
            {
                return SdpParseError.MissingVersion;
            }

            state.SeenVersion = true;
            return value.Trim() == "0" ? SdpParseError.None : SdpParseError.UnsupportedVersion;
        }

        if (type == 'm')
        {
            return ParseMedia(state, value, limits);
        }

        return state.CurrentMedia is null ? ParseSessionLine(state, type, value) : ParseMediaLine(state, type, value);
    }

    private static SdpParseError ParseSessionLine(SdpParseState state, char type, string value)
    {
        switch (type)
        {
            case 'v':
                return SdpParseError.UnexpectedLine;
            case 'o':
                if (state.Origin is not null)
                {
                    return SdpParseError.UnexpectedLine;
                }

                state.Origin = ParseOrigin(value);
                return state.Origin is null ? SdpParseError.InvalidOrigin : SdpParseError.None;
            case 's':
                if (state.SessionName is not null)
                {
                    return SdpParseError.UnexpectedLine;
                }

                state.SessionName = value;
                return SdpParseError.None;
            case 'c':
                if (state.Connection is not null)
                {
                    return SdpParseError.UnexpectedLine;
                }

                state.Connection = ParseConnection(value);
                return state.Connection is null ? SdpParseError.InvalidConnection : SdpParseError.None;
            case 'b':
                return AddBandwidth(state.Bandwidths, value);
            case 't':
                var timing = ParseTiming(value);
                if (timing is null)
                {
                    return SdpParseError.InvalidTiming;
                }

                state.Timings.Add(timing);
                return SdpParseError.None;
            case 'a':
                return AddAttribute(state.Attributes, value);
            default:
                state.OtherLines.Add(new SdpLine(type, value));
                return SdpParseError.None;
        }
    }

    private static SdpParseError ParseMediaLine(SdpParseState state, char type, string value)
    {
        var media = state.CurrentMedia!;
        switch (type)
        {
            case 'v' or 'o' or 's' or 't':
                return SdpParseError.UnexpectedLine;
            case 'c':
                if (media.Connection is not null)
                {
                    return SdpParseError.UnexpectedLine;
                }

                media.Connection = ParseConnection(value);
                return media.Connection is null ? SdpParseError.InvalidConnection : SdpParseError.None;
            case 'b':
                return AddBandwidth(media.Bandwidths, value);
            case 'a':
                return AddAttribute(media.Attributes, value);
            default:
                media.OtherLines.Add(new SdpLine(type, value));
                return SdpParseError.None;
        }
    }

    private static SdpParseError ParseMedia(SdpParseState state, string value, SdpParserLimits limits)
    {
        if (state.MediaCount >= limits.MaxMediaDescriptions)
        {
            return SdpParseError.TooManyMediaDescriptions;
        }

        // RFC 4566 §5.14: m=<media> <port>[/<number of ports>] <proto> <fmt> ...
        var fields = value.Split(s_space, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 3)
        {
            return SdpParseError.InvalidMedia;
        }

        if (fields.Length - 3 > limits.MaxFormatsPerMedia)
        {
            return SdpParseError.TooManyFormats;
        }

        var portField = fields[1].AsSpan();
        int? portCount = null;
        var slash = portField.IndexOf('/');
        if (slash >= 0)
        {
            if (!TryParsePort(portField[(slash + 1)..], out var count) || count == 0)
            {
                return SdpParseError.InvalidPort;
            }

            portCount = count;
            portField = portField[..slash];
        }

        if (!TryParsePort(portField, out var port))
        {
            return SdpParseError.InvalidPort;
        }

        var formats = fields.AsSpan(3).ToArray();
        if (port != 0 && formats.Length == 0)
        {
            return SdpParseError.InvalidMedia;
        }

        state.AddMedia(new SdpMediaState(fields[0], port, portCount, fields[2], formats));
        return SdpParseError.None;
    }

    private static bool TryParsePort(ReadOnlySpan<char> text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port)
        && port <= 65535
        && text.Length <= 5;
}
