using System.Buffers;

namespace Telepath.Media.Sip.Parsing;

/// <summary>Character classes of the RFC 3261 §25.1 grammar, shared by the message and value parsers.</summary>
internal static class SipSyntax
{
    // RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    private const string TokenChars =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.!%*_+`'~";

    // RFC 3261 §25.1: unreserved = alphanum / mark; mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")"
    private const string UnreservedChars =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()";

    private static readonly SearchValues<byte> s_tokenBytes = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.!%*_+`'~"u8);
    private static readonly SearchValues<char> s_tokenChars = SearchValues.Create(TokenChars);
    private static readonly SearchValues<char> s_unreservedChars = SearchValues.Create(UnreservedChars);

    // RFC 3261 §25.1: user-unreserved = "&" / "=" / "+" / "$" / "," / ";" / "?" / "/"
    private static readonly SearchValues<char> s_userChars = SearchValues.Create(UnreservedChars + "&=+$,;?/");

    // RFC 3261 §25.1: password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," )
    private static readonly SearchValues<char> s_passwordChars = SearchValues.Create(UnreservedChars + "&=+$,");

    // RFC 3261 §25.1: hostname = *( domainlabel "." ) toplabel [ "." ]; we also accept "_" seen in the wild.
    private static readonly SearchValues<char> s_hostChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._");

    // RFC 3261 §25.1: IPv6reference = "[" IPv6address "]" (hex digits, colons and an embedded IPv4 tail).
    private static readonly SearchValues<char> s_ipv6Chars = SearchValues.Create("0123456789abcdefABCDEF:.");

    // RFC 3261 §25.1: paramchar = param-unreserved / unreserved / escaped; param-unreserved = "[" / "]" / "/" / ":" / "&" / "+" / "$"
    private static readonly SearchValues<char> s_paramChars = SearchValues.Create(UnreservedChars + "[]/:&+$%");

    // RFC 3261 §25.1: hnv-unreserved = "[" / "]" / "/" / "?" / ":" / "+" / "$" (plus unreserved, escaped, and "=" / "&" separators)
    private static readonly SearchValues<char> s_uriHeaderChars = SearchValues.Create(UnreservedChars + "[]/?:+$%=&");

    /// <summary>True if <paramref name="value"/> is a non-empty RFC 3261 token.</summary>
    public static bool IsToken(ReadOnlySpan<byte> value) => !value.IsEmpty && !value.ContainsAnyExcept(s_tokenBytes);

    /// <summary>True if <paramref name="value"/> is a non-empty RFC 3261 token.</summary>
    public static bool IsToken(ReadOnlySpan<char> value) => !value.IsEmpty && !value.ContainsAnyExcept(s_tokenChars);

    /// <summary>True if <paramref name="c"/> is a token character.</summary>
    public static bool IsTokenChar(char c) => s_tokenChars.Contains(c);

    /// <summary>True if <paramref name="c"/> may appear unescaped in the user part of a SIP URI.</summary>
    public static bool IsUserChar(char c) => s_userChars.Contains(c);

    /// <summary>True if <paramref name="c"/> may appear unescaped in the password part of a SIP URI.</summary>
    public static bool IsPasswordChar(char c) => s_passwordChars.Contains(c);

    /// <summary>True if <paramref name="value"/> is a plausible host name or IPv4 address.</summary>
    public static bool IsHostName(ReadOnlySpan<char> value) => !value.IsEmpty && !value.ContainsAnyExcept(s_hostChars);

    /// <summary>True if <paramref name="value"/> is a bracketed IPv6 reference such as <c>[::1]</c>.</summary>
    public static bool IsIPv6Reference(ReadOnlySpan<char> value) =>
        value.Length > 2 && value[0] == '[' && value[^1] == ']' && value[1..^1].Contains(':')
        && !value[1..^1].ContainsAnyExcept(s_ipv6Chars);

    /// <summary>True if <paramref name="value"/> is valid in a URI parameter name or value (escapes allowed).</summary>
    public static bool IsParamText(ReadOnlySpan<char> value) => !value.ContainsAnyExcept(s_paramChars);

    /// <summary>True if <paramref name="value"/> is valid as the headers part of a SIP URI (after "?").</summary>
    public static bool IsUriHeaderText(ReadOnlySpan<char> value) => !value.ContainsAnyExcept(s_uriHeaderChars);

    /// <summary>True for SP and HTAB, the two whitespace characters of LWS (RFC 3261 §25.1).</summary>
    public static bool IsWhitespace(char c) => c is ' ' or '\t';

    /// <summary>Parses a decimal port 0-65535 with no sign or whitespace.</summary>
    public static bool TryParsePort(ReadOnlySpan<char> value, out int port)
    {
        port = 0;
        if (value.IsEmpty || value.Length > 5)
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            port = (port * 10) + (c - '0');
        }

        return port <= 65535;
    }

    /// <summary>Parses a non-negative decimal integer that fits in <see cref="uint"/> (no sign, no whitespace).</summary>
    public static bool TryParseUInt32(ReadOnlySpan<char> value, out uint result)
    {
        result = 0;
        if (value.IsEmpty)
        {
            return false;
        }

        ulong accumulator = 0;
        foreach (char c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            accumulator = (accumulator * 10) + (uint)(c - '0');
            if (accumulator > uint.MaxValue)
            {
                return false;
            }
        }

        result = (uint)accumulator;
        return true;
    }

    /// <summary>
    /// Index of the first <paramref name="separator"/> at nesting level zero: outside quoted strings (with
    /// backslash escapes) and outside <c>&lt;...&gt;</c>. Returns -1 if none.
    /// </summary>
    public static int IndexOfTopLevel(ReadOnlySpan<char> value, char separator)
    {
        bool inQuotes = false;
        bool inAngle = false;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (inQuotes)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            else if (inAngle)
            {
                inAngle = c != '>';
            }
            else if (c == '<')
            {
                inAngle = true;
            }
            else if (c == separator)
            {
                return i;
            }
        }

        return -1;
    }
}
