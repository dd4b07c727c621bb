using System.Buffers;

namespace Telepath.Media.Sip.Parsing;

/// <summary>
/// Splits a TCP/TLS byte stream into SIP messages and RFC 5626 keep-alives. The transport calls
/// <see cref="Read(ReadOnlySequence{byte}, SipParserLimits)"/> in a loop, removes <see cref="SipFrame.Consumed"/>
/// bytes after each frame, and stops on Incomplete until more data arrives.
/// </summary>
internal static class SipStreamFramer
{
    /// <summary>Reads the next frame from a contiguous buffer.</summary>
    public static SipFrame Read(ReadOnlySpan<byte> buffer, SipParserLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);

        // RFC 5626 §3.5.1: a CRLFCRLF "ping" between messages must be answered with a CRLF "pong". A single CRLF
        // (a pong from the peer, or padding) is skipped, as RFC 3261 §7.5 requires for CRLF before a start line.
        int skipped = 0;
        while (buffer.Length - skipped >= 2 && buffer[skipped] == '\r' && buffer[skipped + 1] == '\n')
        {
            if (buffer.Length - skipped >= 4 && buffer[skipped + 2] == '\r' && buffer[skipped + 3] == '\n')
            {
                return new SipFrame(SipFrameKind.KeepAlivePing, null, skipped + 4, null);
            }

            if (buffer.Length - skipped < 4 && IsCrlfPrefix(buffer[(skipped + 2)..]))
            {
                // "\r\n" or "\r\n\r" so far: could still become a ping; wait, but let the transport drop nothing.
                return new SipFrame(SipFrameKind.Incomplete, null, skipped, null);
            }

            skipped += 2;
        }

        // Bare LF ends are tolerated elsewhere, so a stray LF before a start line is skipped too.
        while (skipped < buffer.Length && buffer[skipped] == '\n')
        {
            skipped++;
        }

        if (skipped == buffer.Length || (buffer.Length - skipped == 1 && buffer[skipped] == '\r'))
        {
            return new SipFrame(SipFrameKind.Incomplete, null, skipped, null);
        }

        SipParseResult result = SipParser.Parse(buffer[skipped..], SipFraming.Stream, limits);
        return result.Status switch
        {
            SipParseStatus.Complete => new SipFrame(SipFrameKind.Message, result.Message, skipped + result.Consumed, null),
            SipParseStatus.Incomplete => new SipFrame(SipFrameKind.Incomplete, null, skipped, null),
            _ => new SipFrame(SipFrameKind.Invalid, null, 0, result.Error),
        };
    }

    /// <summary>
    /// Reads the next frame from a pipe buffer. A multi-segment buffer is copied (at most one maximum-size
    /// message) into a pooled array for parsing, which is returned before this method exits.
    /// </summary>
    public static SipFrame Read(ReadOnlySequence<byte> buffer, SipParserLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (buffer.IsSingleSegment)
        {
            return Read(buffer.FirstSpan, limits);
        }

        // Leading CRLFs may precede a maximum-size message, so allow a little slack beyond MaxMessageBytes.
        int length = (int)Math.Min(buffer.Length, (long)limits.MaxMessageBytes + 64);
        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            buffer.Slice(0, length).CopyTo(rented);
            return Read(rented.AsSpan(0, length), limits);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// True if a whole datagram is only CRLFs: a keep-alive some UDP peers send (RFC 5626 §3.5.1 applies to
    /// streams; on UDP it is just ignored, never parsed or answered with 400).
    /// </summary>
    public static bool IsKeepAliveDatagram(ReadOnlySpan<byte> datagram) =>
        !datagram.IsEmpty && !datagram.ContainsAnyExcept((byte)'\r', (byte)'\n');

    private static bool IsCrlfPrefix(ReadOnlySpan<byte> tail) =>
        tail.IsEmpty || (tail[0] == '\r' && (tail.Length == 1 || tail[1] == '\n'));
}
