using Telepath.Media.Sip.Message;

namespace Telepath.Media.Sip.Parsing;

/// <summary>
/// Parses one SIP message from bytes (RFC 3261 §7, §18.3). Pure: no I/O, no logging, no exceptions on bad input,
/// and every limit in <see cref="SipParserLimits"/> is enforced before memory is committed.
/// </summary>
/// <remarks>
/// Tolerant where interop needs it (bare LF line ends, obsolete line folding, leading CRLFs, Latin-1 header
/// text), strict where framing safety needs it (Content-Length, control characters, limits).
/// </remarks>
internal static partial class SipParser
{
    /// <summary>Parses a message from the start of <paramref name="input"/>.</summary>
    /// <param name="input">A whole datagram, or the bytes buffered so far on a stream.</param>
    /// <param name="framing">Datagram (UDP) or Stream (TCP/TLS) rules for finding the end of the message.</param>
    /// <param name="limits">Size limits; <see cref="SipParserLimits.Default"/> in production.</param>
    public static SipParseResult Parse(ReadOnlySpan<byte> input, SipFraming framing, SipParserLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        bool stream = framing == SipFraming.Stream;
        if (!stream && input.Length > limits.MaxMessageBytes)
        {
            return SipParseResult.Invalid("Message too large");
        }

        // RFC 3261 §7.5: CRLFs before the start line are ignored (stream keep-alives, sloppy senders).
        int start = input.IndexOfAnyExcept((byte)'\r', (byte)'\n');
        if (start < 0)
        {
            return stream ? SipParseResult.Incomplete() : SipParseResult.Invalid("Empty message");
        }

        var state = new HeaderState(input, start, limits);
        LineStatus lineStatus = state.ReadLine(out ReadOnlySpan<byte> startLine);
        if (lineStatus != LineStatus.Found)
        {
            return LineFailure(lineStatus, stream, input.Length - start, limits);
        }

        SipMessage? message = ParseStartLine(startLine, out string? error);
        if (message is null)
        {
            return SipParseResult.Invalid(error!);
        }

        while (true)
        {
            lineStatus = state.ReadLine(out ReadOnlySpan<byte> line);
            if (lineStatus != LineStatus.Found)
            {
                return LineFailure(lineStatus, stream, input.Length - start, limits);
            }

            if (line.IsEmpty)
            {
                break;
            }

            error = state.AcceptLine(line, message.Headers);
            if (error is not null)
            {
                return SipParseResult.Invalid(error);
            }
        }

        error = state.Flush(message.Headers);
        return error is not null
            ? SipParseResult.Invalid(error)
            : ReadBody(input, start, state.Position, state.ContentLength, stream, limits, message);
    }

    private static SipParseResult ReadBody(
        ReadOnlySpan<byte> input, int start, int bodyStart, long contentLength, bool stream, SipParserLimits limits, SipMessage message)
    {
        int available = input.Length - bodyStart;
        if (stream)
        {
            // RFC 3261 §18.3: on a stream, Content-Length MUST be present; it is the only way to find the end.
            if (contentLength < 0)
            {
                return SipParseResult.Invalid("Missing Content-Length header");
            }

            if (contentLength > limits.MaxStreamBodyBytes)
            {
                return SipParseResult.Invalid("Message body too large");
            }

            if (bodyStart - start + contentLength > limits.MaxMessageBytes)
            {
                return SipParseResult.Invalid("Message too large");
            }

            if (contentLength > available)
            {
                return SipParseResult.Incomplete();
            }
        }
        else
        {
            // RFC 3261 §18.3: without Content-Length a datagram's body runs to its end; a Content-Length larger than
            // what arrived means a truncated message, which is discarded. Bytes beyond it are ignored.
            if (contentLength < 0)
            {
                contentLength = available;
            }
            else if (contentLength > available)
            {
                return SipParseResult.Invalid("Content-Length exceeds datagram size");
            }

            if (contentLength > limits.MaxDatagramBodyBytes)
            {
                return SipParseResult.Invalid("Message body too large");
            }
        }

        int length = (int)contentLength;
        message.Body = length == 0 ? ReadOnlyMemory<byte>.Empty : input.Slice(bodyStart, length).ToArray();
        return SipParseResult.Complete(message, stream ? bodyStart + length : input.Length);
    }

    private static SipParseResult LineFailure(LineStatus status, bool stream, int scanned, SipParserLimits limits)
    {
        if (status == LineStatus.TooLong)
        {
            return SipParseResult.Invalid("Header line too long");
        }

        if (status == LineStatus.MessageTooLarge || scanned >= limits.MaxMessageBytes)
        {
            return SipParseResult.Invalid("Message too large");
        }

        return stream ? SipParseResult.Incomplete() : SipParseResult.Invalid("Truncated message: no empty line after headers");
    }
}
