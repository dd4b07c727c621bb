using System.Diagnostics.CodeAnalysis;
using Telepath.Media.Sip.Message;

namespace Telepath.Media.Sip.Parsing;

/// <summary>Parses <c>( name-addr / addr-spec ) *( SEMI param )</c> (RFC 3261 §20.10, §25.1).</summary>
internal static class NameAddressParser
{
    /// <summary>Parses one address; false on malformed text.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out NameAddress? value)
    {
        value = null;
        if (text is null)
        {
            return false;
        }

        ReadOnlySpan<char> span = text.AsSpan().Trim(" \t");
        if (span.IsEmpty)
        {
            return false;
        }

        string? displayName = null;
        int laquot;
        if (span[0] == '"')
        {
            int i = 0;
            if (!SipParameterParser.TryReadQuotedString(span, ref i, out displayName))
            {
                return false;
            }

            laquot = SipParameterParser.SkipWhitespace(span, i);
            if (laquot >= span.Length || span[laquot] != '<')
            {
                return false;
            }
        }
        else
        {
            laquot = span.IndexOf('<');
            int semicolon = span.IndexOf(';');
            if (laquot >= 0 && (semicolon < 0 || laquot < semicolon))
            {
                ReadOnlySpan<char> name = span[..laquot].Trim(" \t");
                if (!IsUnquotedDisplayName(name))
                {
                    return false;
                }

                displayName = name.IsEmpty ? null : name.ToString();
            }
            else
            {
                laquot = -1;
            }
        }

        ReadOnlySpan<char> uriText;
        ReadOnlySpan<char> rest;
        if (laquot >= 0)
        {
            int raquot = span[laquot..].IndexOf('>');
            if (raquot < 0)
            {
                return false;
            }

            uriText = span.Slice(laquot + 1, raquot - 1);
            rest = span[(laquot + raquot + 1)..];
        }
        else
        {
            // RFC 3261 §20.10: in an addr-spec without angle brackets, every ";" parameter is a header
            // parameter, and the URI may contain neither ",", ";" nor "?".
            int end = span.IndexOf(';');
            uriText = (end < 0 ? span : span[..end]).TrimEnd(" \t");
            rest = end < 0 ? default : span[end..];
            if (uriText.ContainsAny(",?"))
            {
                return false;
            }
        }

        if (!SipUriParser.TryParse(uriText.ToString(), out SipUri? uri)
            || !SipParameterParser.TryParse(rest, out SipParameters? parameters))
        {
            return false;
        }

        value = new NameAddress { DisplayName = displayName, Uri = uri, Parameters = parameters };
        return true;
    }

    private static bool IsUnquotedDisplayName(ReadOnlySpan<char> name)
    {
        // RFC 3261 §25.1 allows *(token LWS); we also accept non-ASCII text, which carriers send unquoted.
        foreach (char c in name)
        {
            if (c < ' ' || c is '"' or '<' or '>' or ';' or ',' || c == 0x7F)
            {
                return false;
            }
        }

        return true;
    }
}
