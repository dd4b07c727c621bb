using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Telepath.Media.Sip.Message;

namespace Telepath.Media.Sip.Parsing;

/// <content>Line reading and header-field accumulation, including obsolete line folding.</content>
internal static partial class SipParser
{
    // RFC 3261 §25.1: header text is TEXT-UTF8 / LWS; CTLs other than HTAB never appear (CR/LF end the line).
    private static readonly SearchValues<byte> s_controlBytes = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127]);

    private enum LineStatus
    {
        Found,
        NeedMore,
        TooLong,
        MessageTooLarge,
    }

    /// <summary>Decodes header text as UTF-8, falling back to Latin-1 for the legacy peers that still send it.</summary>
    private static string DecodeText(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
        {
            return string.Empty;
        }

        return Utf8.IsValid(text) ? Encoding.UTF8.GetString(text) : Encoding.Latin1.GetString(text);
    }

    private static ReadOnlySpan<byte> TrimWhitespace(ReadOnlySpan<byte> text) => text.Trim(" \t"u8);

    /// <summary>Cursor over the header section of one message; lives on the stack for one parse call.</summary>
    private ref struct HeaderState
    {
        private readonly ReadOnlySpan<byte> _input;
        private readonly int _start;
        private readonly SipParserLimits _limits;
        private string? _pendingName;
        private string? _pendingValue;
        private int _count;

        public HeaderState(ReadOnlySpan<byte> input, int start, SipParserLimits limits)
        {
            _input = input;
            _start = start;
            _limits = limits;
            Position = start;
            ContentLength = -1;
        }

        /// <summary>Index of the first byte not yet read.</summary>
        public int Position { get; private set; }

        /// <summary>The Content-Length value, or -1 if no Content-Length header was seen.</summary>
        public long ContentLength { get; private set; }

        /// <summary>Reads one line ending in LF (an optional CR before it is dropped).</summary>
        public LineStatus ReadLine(out ReadOnlySpan<byte> line)
        {
            line = default;
            ReadOnlySpan<byte> rest = _input[Position..];
            int window = Math.Min(rest.Length, _limits.MaxHeaderLineBytes + 2);
            int newline = rest[..window].IndexOf((byte)'\n');
            if (newline < 0)
            {
                return window == _limits.MaxHeaderLineBytes + 2 ? LineStatus.TooLong : LineStatus.NeedMore;
            }

            line = rest[..newline];
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }

            if (line.Length > _limits.MaxHeaderLineBytes)
            {
                return LineStatus.TooLong;
            }

            Position += newline + 1;
            return Position - _start > _limits.MaxMessageBytes ? LineStatus.MessageTooLarge : LineStatus.Found;
        }

        /// <summary>Takes one non-empty header line; returns an error reason or null.</summary>
        public string? AcceptLine(ReadOnlySpan<byte> line, SipHeaders headers)
        {
            if (line.ContainsAny(s_controlBytes))
            {
                return "Control character in header";
            }

            // RFC 3261 §7.3.1: a line starting with whitespace continues the previous field (obsolete folding);
            // the fold is equivalent to a single SP.
            if (line[0] is (byte)' ' or (byte)'\t')
            {
                if (_pendingName is null)
                {
                    return "Folded line without a header";
                }

                ReadOnlySpan<byte> continuation = TrimWhitespace(line);
                if (!continuation.IsEmpty)
                {
                    _pendingValue = _pendingValue!.Length == 0
                        ? DecodeText(continuation)
                        : string.Concat(_pendingValue, " ", DecodeText(continuation));
                }

                return _pendingValue!.Length > _limits.MaxHeaderLineBytes ? "Header line too long" : null;
            }

            string? error = Flush(headers);
            if (error is not null)
            {
                return error;
            }

            // RFC 3261 §7.3.1: field-name HCOLON field-value, HCOLON = *( SP / HTAB ) ":" SWS.
            int colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                return "Malformed header line";
            }

            ReadOnlySpan<byte> name = line[..colon].TrimEnd(" \t"u8);
            if (!SipSyntax.IsToken(name))
            {
                return "Malformed header name";
            }

            _pendingName = SipHeaderNames.Canonicalize(name);
            _pendingValue = DecodeText(TrimWhitespace(line[(colon + 1)..]));
            return null;
        }

        /// <summary>Commits the field being accumulated, if any; returns an error reason or null.</summary>
        public string? Flush(SipHeaders headers)
        {
            if (_pendingName is null)
            {
                return null;
            }

            if (++_count > _limits.MaxHeaderCount)
            {
                return "Too many header fields";
            }

            if (string.Equals(_pendingName, SipHeaderNames.ContentLength, StringComparison.Ordinal))
            {
                string? error = AcceptContentLength(_pendingValue!);
                if (error is not null)
                {
                    return error;
                }
            }

            headers.AddCanonical(_pendingName, _pendingValue!);
            _pendingName = null;
            _pendingValue = null;
            return null;
        }

        private string? AcceptContentLength(string value)
        {
            // RFC 3261 §20.14: Content-Length = 1*DIGIT; a sign, a fraction or trailing garbage is malformed.
            if (value.Length == 0 || value.AsSpan().ContainsAnyExceptInRange('0', '9'))
            {
                return "Content-Length header is not a number";
            }

            if (!SipSyntax.TryParseUInt32(value, out uint length) || length > int.MaxValue)
            {
                return "Content-Length header is too large";
            }

            if (ContentLength >= 0 && ContentLength != length)
            {
                return "Conflicting Content-Length headers";
            }

            ContentLength = length;
            return null;
        }
    }
}
