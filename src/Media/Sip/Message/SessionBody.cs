using System.Text;
using Telepath.Media.Sip.Parsing;

namespace Telepath.Media.Sip.Message;

/// <summary>
/// Finds the SDP in a request or response body: the body itself when it is <c>application/sdp</c>, or the SDP part of a
/// <c>multipart/*</c> body (RFC 5621), which SIP-I carriers send with the ISUP message beside the SDP (ITU-T Q.1912.5).
/// </summary>
internal static class SessionBody
{
    /// <summary>The SDP media type.</summary>
    public const string SdpType = "application/sdp";

    private const string MultipartPrefix = "multipart/";
    private const string BoundaryParameter = "boundary";
    private const int MaxParts = 16;

    /// <summary>True when <paramref name="message"/> carries SDP; <paramref name="sdp"/> is then that SDP's bytes.</summary>
    public static bool TryGetSdp(SipMessage message, out ReadOnlyMemory<byte> sdp)
    {
        ArgumentNullException.ThrowIfNull(message);
        sdp = default;
        if (message.Body.IsEmpty)
        {
            return false;
        }

        // RFC 3261 §7.4.1 requires Content-Type on a non-empty body (the validator enforces it); treat a bare one as SDP.
        string? contentType = message.ContentType;
        if (contentType is null || MediaType.Is(contentType, SdpType))
        {
            sdp = message.Body;
            return true;
        }

        if (!contentType.TrimStart().StartsWith(MultipartPrefix, StringComparison.OrdinalIgnoreCase)
            || Boundary(contentType) is not string boundary)
        {
            return false;
        }

        return TryFindPart(message.Body, boundary, SdpType, out sdp);
    }

    /// <summary>
    /// Finds the first part of a multipart body whose Content-Type is <paramref name="type"/> (RFC 2046 §5.1.1: parts
    /// start after <c>--boundary CRLF</c>, each has its own headers, a blank line, then its body up to
    /// <c>CRLF --boundary</c>). Parts without a Content-Type are text/plain and never match.
    /// </summary>
    public static bool TryFindPart(ReadOnlyMemory<byte> body, string boundary, string type, out ReadOnlyMemory<byte> part)
    {
        part = default;
        byte[] delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        ReadOnlySpan<byte> span = body.Span;
        int position = span.IndexOf(delimiter);
        for (int parts = 0; position >= 0 && parts < MaxParts; parts++)
        {
            int start = position + delimiter.Length;
            if (span[start..].StartsWith("--"u8))
            {
                return false; // The close delimiter: no more parts.
            }

            int lineEnd = span[start..].IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                return false;
            }

            int headersStart = start + lineEnd + 2;
            int next = span[headersStart..].IndexOf(delimiter);
            if (next < 0)
            {
                return false;
            }

            // The CRLF before the next delimiter belongs to the delimiter, not to the part.
            int partEnd = headersStart + next;
            int contentEnd = partEnd >= 2 && span[(partEnd - 2)..partEnd].SequenceEqual("\r\n"u8) ? partEnd - 2 : partEnd;
            ReadOnlySpan<byte> whole = span[headersStart..Math.Max(headersStart, contentEnd)];
            int blank = whole.IndexOf("\r\n\r\n"u8);
            ReadOnlySpan<byte> headers = blank < 0 ? whole : whole[..blank];
            if (blank >= 0 && MediaType.Is(PartType(headers), type))
            {
                int bodyStart = headersStart + blank + 4;
                part = body[bodyStart..Math.Max(bodyStart, contentEnd)];
                return true;
            }

            position = partEnd;
        }

        return false;
    }

    private static string? PartType(ReadOnlySpan<byte> headers)
    {
        foreach (Range line in headers.Split("\r\n"u8))
        {
            ReadOnlySpan<byte> text = headers[line];
            int colon = text.IndexOf((byte)':');
            if (colon > 0 && Ascii.EqualsIgnoreCase(text[..colon].Trim((byte)' '), "Content-Type"u8))
            {
                return Encoding.ASCII.GetString(text[(colon + 1)..]).Trim();
            }
        }

        return null;
    }

    private static string? Boundary(string contentType)
    {
        int semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return semicolon >= 0 && SipParameterParser.TryParse(contentType.AsSpan(semicolon), out SipParameters? parameters)
            && parameters.Get(BoundaryParameter) is string boundary && boundary.Length is > 0 and <= 70
            ? boundary.Trim('"')
            : null;
    }
}
