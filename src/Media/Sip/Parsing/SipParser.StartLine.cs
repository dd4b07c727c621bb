using System.Text;
using Telepath.Media.Sip.Message;

namespace Telepath.Media.Sip.Parsing;

/// <content>Request-Line and Status-Line (RFC 3261 §7.1, §7.2).</content>
internal static partial class SipParser
{
    private static SipMessage? ParseStartLine(ReadOnlySpan<byte> line, out string? error)
    {
        error = null;
        if (line.ContainsAny(s_controlBytes))
        {
            error = "Control character in start line";
            return null;
        }

        return line.Length >= 4 && Ascii.EqualsIgnoreCase(line[..4], "SIP/"u8)
            ? ParseStatusLine(line, out error)
            : ParseRequestLine(line, out error);
    }

    private static SipRequest? ParseRequestLine(ReadOnlySpan<byte> line, out string? error)
    {
        // RFC 3261 §7.1: Method SP Request-URI SP SIP-Version. The URI contains no whitespace, so the first and
        // last SP delimit it; anything else between them (tabs, extra spaces) is malformed.
        error = "Malformed request line";
        int first = line.IndexOf((byte)' ');
        int last = line.LastIndexOf((byte)' ');
        if (first <= 0 || last <= first + 1 || last == line.Length - 1)
        {
            return null;
        }

        ReadOnlySpan<byte> uriBytes = line[(first + 1)..last];
        ReadOnlySpan<byte> versionBytes = line[(last + 1)..];
        if (uriBytes.ContainsAny((byte)' ', (byte)'\t') || !IsVersion(versionBytes)
            || !SipMethod.TryParse(line[..first], out SipMethod method))
        {
            return null;
        }

        error = null;
        string rawUri = DecodeText(uriBytes);
        SipUri? uri = SipUri.TryParse(rawUri, out SipUri? parsed) ? parsed : null;
        return new SipRequest(method, rawUri, uri, VersionString(versionBytes), new SipHeaders(), ReadOnlyMemory<byte>.Empty);
    }

    private static SipResponse? ParseStatusLine(ReadOnlySpan<byte> line, out string? error)
    {
        // RFC 3261 §7.2: SIP-Version SP Status-Code SP Reason-Phrase, Status-Code = 3DIGIT, reason may be empty.
        error = "Malformed status line";
        int space = line.IndexOf((byte)' ');
        if (space < 0 || !IsVersion(line[..space]))
        {
            return null;
        }

        ReadOnlySpan<byte> rest = line[(space + 1)..];
        if (rest.Length < 3 || (rest.Length > 3 && rest[3] != ' ')
            || !char.IsAsciiDigit((char)rest[0]) || !char.IsAsciiDigit((char)rest[1]) || !char.IsAsciiDigit((char)rest[2]))
        {
            return null;
        }

        int code = ((rest[0] - '0') * 100) + ((rest[1] - '0') * 10) + (rest[2] - '0');
        if (code is < 100 or > 699)
        {
            error = "Status code out of range";
            return null;
        }

        error = null;
        string reason = rest.Length > 4 ? DecodeText(rest[4..]) : string.Empty;
        return new SipResponse(code, reason, VersionString(line[..space]), new SipHeaders(), ReadOnlyMemory<byte>.Empty);
    }

    /// <summary>RFC 3261 §25.1: SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT (the literal is case-insensitive).</summary>
    private static bool IsVersion(ReadOnlySpan<byte> version)
    {
        if (version.Length < 7 || !Ascii.EqualsIgnoreCase(version[..4], "SIP/"u8))
        {
            return false;
        }

        ReadOnlySpan<byte> numbers = version[4..];
        int dot = numbers.IndexOf((byte)'.');
        return dot > 0 && dot < numbers.Length - 1
            && !numbers[..dot].ContainsAnyExceptInRange((byte)'0', (byte)'9')
            && !numbers[(dot + 1)..].ContainsAnyExceptInRange((byte)'0', (byte)'9');
    }

    private static string VersionString(ReadOnlySpan<byte> version) =>
        version.SequenceEqual("SIP/2.0"u8) ? SipMessage.Sip20 : Encoding.ASCII.GetString(version);
}
