using System.Diagnostics.CodeAnalysis;
using Telepath.Media.Sip.Message;

namespace Telepath.Media.Sip.Parsing;

/// <summary>
/// Parses one via-parm: <c>sent-protocol LWS sent-by *( SEMI via-params )</c> (RFC 3261 §25.1), tolerating the
/// whitespace the grammar allows around "/" and ":" (SLASH and COLON are SWS-padded).
/// </summary>
internal static class ViaParser
{
    /// <summary>Parses one Via value; false on malformed text.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ViaHeader? value)
    {
        value = null;
        if (text is null)
        {
            return false;
        }

        ReadOnlySpan<char> span = text.AsSpan();
        int i = SipParameterParser.SkipWhitespace(span, 0);
        if (!TryReadToken(span, ref i, out ReadOnlySpan<char> name)
            || !TrySkipSeparator(span, ref i, '/')
            || !TryReadToken(span, ref i, out ReadOnlySpan<char> version)
            || !TrySkipSeparator(span, ref i, '/')
            || !TryReadToken(span, ref i, out ReadOnlySpan<char> transport))
        {
            return false;
        }

        // RFC 3261 §25.1: sent-protocol and sent-by are separated by LWS, which is mandatory.
        int hostStart = SipParameterParser.SkipWhitespace(span, i);
        if (hostStart == i)
        {
            return false;
        }

        ReadOnlySpan<char> rest = span[hostStart..];
        int hostEnd = rest.StartsWith('[') ? rest.IndexOf(']') + 1 : rest.IndexOfAny(" \t:;");
        hostEnd = hostEnd < 0 ? rest.Length : hostEnd;
        ReadOnlySpan<char> host = rest[..hostEnd];
        if (hostEnd == 0 || !(SipSyntax.IsHostName(host) || SipSyntax.IsIPv6Reference(host)))
        {
            return false;
        }

        rest = rest[hostEnd..];
        int? port = null;
        int j = SipParameterParser.SkipWhitespace(rest, 0);
        if (j < rest.Length && rest[j] == ':')
        {
            j = SipParameterParser.SkipWhitespace(rest, j + 1);
            int portStart = j;
            while (j < rest.Length && char.IsAsciiDigit(rest[j]))
            {
                j++;
            }

            if (!SipSyntax.TryParsePort(rest[portStart..j], out int parsedPort))
            {
                return false;
            }

            port = parsedPort;
            rest = rest[j..];
        }

        if (!SipParameterParser.TryParse(rest, out SipParameters? parameters))
        {
            return false;
        }

        value = new ViaHeader
        {
            ProtocolName = name.ToString(),
            ProtocolVersion = version.ToString(),
            Transport = transport.ToString().ToUpperInvariant(),
            Host = host.ToString(),
            Port = port,
            Parameters = parameters,
        };
        return true;
    }

    private static bool TryReadToken(ReadOnlySpan<char> span, ref int i, out ReadOnlySpan<char> token)
    {
        int start = i;
        while (i < span.Length && SipSyntax.IsTokenChar(span[i]))
        {
            i++;
        }

        token = span[start..i];
        return i > start;
    }

    private static bool TrySkipSeparator(ReadOnlySpan<char> span, ref int i, char separator)
    {
        i = SipParameterParser.SkipWhitespace(span, i);
        if (i >= span.Length || span[i] != separator)
        {
            return false;
        }

        i = SipParameterParser.SkipWhitespace(span, i + 1);
        return true;
    }
}
