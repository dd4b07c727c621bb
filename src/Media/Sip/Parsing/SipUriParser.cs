using System.Diagnostics.CodeAnalysis;
using System.Text;
using Telepath.Media.Sip.Message;

namespace Telepath.Media.Sip.Parsing;

/// <summary>Parses URIs per RFC 3261 §19.1 and §25.1 (SIP-URI, SIPS-URI, absoluteURI). No exceptions on bad input.</summary>
internal static class SipUriParser
{
    /// <summary>Parses <paramref name="text"/>; false for anything that is not a SIP URI or absolute URI.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SipUri? uri)
    {
        uri = null;
        if (string.IsNullOrEmpty(text) || !IsUriText(text))
        {
            return false;
        }

        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !IsScheme(text.AsSpan(0, colon)) || colon == text.Length - 1)
        {
            return false;
        }

        string scheme = text[..colon].ToLowerInvariant();
        if (scheme is not ("sip" or "sips"))
        {
            // RFC 3261 §19.1: other URI schemes (tel, urn, http, ...) are legal; we keep them opaque.
            uri = new SipUri { Scheme = scheme, Opaque = text[(colon + 1)..] };
            return true;
        }

        return TryParseSip(scheme, text.AsSpan(colon + 1), out uri);
    }

    private static bool TryParseSip(string scheme, ReadOnlySpan<char> rest, [NotNullWhen(true)] out SipUri? uri)
    {
        uri = null;
        string? user = null;
        string? password = null;

        // '@' is not allowed unescaped in user, password, host, parameters or headers, so the first one ends userinfo.
        int at = rest.IndexOf('@');
        if (at >= 0)
        {
            ReadOnlySpan<char> userInfo = rest[..at];
            int passwordColon = userInfo.IndexOf(':');
            ReadOnlySpan<char> userText = passwordColon < 0 ? userInfo : userInfo[..passwordColon];
            if (userText.IsEmpty || !TryUnescape(userText, password: false, out user))
            {
                return false;
            }

            if (passwordColon >= 0 && !TryUnescape(userInfo[(passwordColon + 1)..], password: true, out password))
            {
                return false;
            }

            rest = rest[(at + 1)..];
        }

        if (!TryParseHostPort(ref rest, out string? host, out int? port))
        {
            return false;
        }

        string? headers = null;
        int question = rest.IndexOf('?');
        if (question >= 0)
        {
            ReadOnlySpan<char> headerText = rest[(question + 1)..];
            if (headerText.IsEmpty || !SipSyntax.IsUriHeaderText(headerText))
            {
                return false;
            }

            headers = headerText.ToString();
            rest = rest[..question];
        }

        if (!TryParseUriParameters(rest, out SipParameters? parameters))
        {
            return false;
        }

        uri = new SipUri
        {
            Scheme = scheme,
            User = user,
            Password = password,
            Host = host,
            Port = port,
            Parameters = parameters,
            Headers = headers,
        };
        return true;
    }

    /// <summary>Parses <c>host[:port]</c> at the start of <paramref name="rest"/> and advances past it.</summary>
    internal static bool TryParseHostPort(ref ReadOnlySpan<char> rest, [NotNullWhen(true)] out string? host, out int? port)
    {
        host = null;
        port = null;
        int hostEnd;
        if (rest.StartsWith('['))
        {
            hostEnd = rest.IndexOf(']') + 1;
            if (hostEnd <= 0 || !SipSyntax.IsIPv6Reference(rest[..hostEnd]))
            {
                return false;
            }
        }
        else
        {
            hostEnd = rest.IndexOfAny(":;?");
            hostEnd = hostEnd < 0 ? rest.Length : hostEnd;
            if (!SipSyntax.IsHostName(rest[..hostEnd]))
            {
                return false;
            }
        }

        host = rest[..hostEnd].ToString();
        rest = rest[hostEnd..];
        if (!rest.StartsWith(':'))
        {
            return true;
        }

        int portEnd = rest.IndexOfAny(";?");
        portEnd = portEnd < 0 ? rest.Length : portEnd;
        if (!SipSyntax.TryParsePort(rest[1..portEnd], out int parsedPort))
        {
            return false;
        }

        port = parsedPort;
        rest = rest[portEnd..];
        return true;
    }

    private static bool TryParseUriParameters(ReadOnlySpan<char> text, [NotNullWhen(true)] out SipParameters? parameters)
    {
        parameters = SipParameters.Empty;
        if (text.IsEmpty)
        {
            return true;
        }

        if (text[0] != ';')
        {
            parameters = null;
            return false;
        }

        var list = new List<SipParameter>(4);
        foreach (Range range in text[1..].Split(';'))
        {
            ReadOnlySpan<char> item = text[1..][range];
            int equals = item.IndexOf('=');
            ReadOnlySpan<char> name = equals < 0 ? item : item[..equals];
            ReadOnlySpan<char> value = equals < 0 ? default : item[(equals + 1)..];
            if (name.IsEmpty || !SipSyntax.IsParamText(name) || !SipSyntax.IsParamText(value))
            {
                parameters = null;
                return false;
            }

            list.Add(new SipParameter(name.ToString(), equals < 0 ? null : value.ToString()));
        }

        parameters = SipParameters.Create(list);
        return true;
    }

    private static bool TryUnescape(ReadOnlySpan<char> text, bool password, [NotNullWhen(true)] out string? result)
    {
        result = null;
        int percent = text.IndexOf('%');
        foreach (char c in text)
        {
            if (c != '%' && !(password ? SipSyntax.IsPasswordChar(c) : SipSyntax.IsUserChar(c)))
            {
                return false;
            }
        }

        if (percent < 0)
        {
            result = text.ToString();
            return true;
        }

        // RFC 3261 §25.1: escaped = "%" HEXDIG HEXDIG; the octets are UTF-8 (RFC 3261 §19.1.2).
        byte[] bytes = new byte[text.Length];
        int count = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '%')
            {
                bytes[count++] = (byte)text[i];
                continue;
            }

            if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
            {
                return false;
            }

            bytes[count++] = (byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2]));
            i += 2;
        }

        result = Encoding.UTF8.GetString(bytes, 0, count);
        return true;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static bool IsScheme(ReadOnlySpan<char> scheme)
    {
        // RFC 3261 §25.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
        if (!char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (char c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUriText(string text)
    {
        foreach (char c in text)
        {
            if (c <= ' ' || c >= 0x7F || c is '<' or '>' or '"')
            {
                return false;
            }
        }

        return true;
    }
}
