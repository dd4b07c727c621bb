using System.Diagnostics.CodeAnalysis;
using Telepath.Media.Sip.Message;

namespace Telepath.Media.Sip.Parsing;

/// <summary>
/// Parses header parameters: <c>*( SEMI generic-param )</c> with <c>generic-param = token [ EQUAL gen-value ]</c>
/// and <c>gen-value = token / host / quoted-string</c> (RFC 3261 §25.1). SEMI and EQUAL allow surrounding whitespace.
/// </summary>
internal static class SipParameterParser
{
    /// <summary>Parses a parameter list that starts with <c>;</c> (or is empty/whitespace).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out SipParameters? parameters)
    {
        parameters = null;
        List<SipParameter>? list = null;
        int i = SkipWhitespace(text, 0);
        while (i < text.Length)
        {
            if (text[i] != ';')
            {
                return false;
            }

            i = SkipWhitespace(text, i + 1);
            int nameStart = i;
            while (i < text.Length && SipSyntax.IsTokenChar(text[i]))
            {
                i++;
            }

            if (i == nameStart)
            {
                return false;
            }

            string name = text[nameStart..i].ToString();
            string? value = null;
            i = SkipWhitespace(text, i);
            if (i < text.Length && text[i] == '=')
            {
                i = SkipWhitespace(text, i + 1);
                if (!TryReadValue(text, ref i, out value))
                {
                    return false;
                }

                i = SkipWhitespace(text, i);
            }

            list ??= new List<SipParameter>(4);
            list.Add(new SipParameter(name, value));
        }

        parameters = list is null ? SipParameters.Empty : SipParameters.Create(list);
        return true;
    }

    /// <summary>
    /// Reads a quoted-string starting at <paramref name="i"/> (which must be at the opening quote) and returns its
    /// content unescaped; <paramref name="i"/> ends just past the closing quote.
    /// </summary>
    public static bool TryReadQuotedString(ReadOnlySpan<char> text, ref int i, [NotNullWhen(true)] out string? content)
    {
        content = null;
        if (i >= text.Length || text[i] != '"')
        {
            return false;
        }

        var builder = new System.Text.StringBuilder();
        for (int j = i + 1; j < text.Length; j++)
        {
            char c = text[j];
            if (c == '"')
            {
                content = builder.ToString();
                i = j + 1;
                return true;
            }

            // RFC 3261 §25.1: quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
            if (c == '\\')
            {
                if (++j >= text.Length)
                {
                    return false;
                }

                c = text[j];
            }

            builder.Append(c);
        }

        return false;
    }

    /// <summary>Index of the first character at or after <paramref name="i"/> that is not SP or HTAB.</summary>
    public static int SkipWhitespace(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && SipSyntax.IsWhitespace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static bool TryReadValue(ReadOnlySpan<char> text, ref int i, [NotNullWhen(true)] out string? value)
    {
        value = null;
        int start = i;
        if (i < text.Length && text[i] == '"')
        {
            // Keep the quotes: the value is re-emitted verbatim, and callers that need the content unquote it.
            if (!TryReadQuotedString(text, ref i, out _))
            {
                return false;
            }

            value = text[start..i].ToString();
            return true;
        }

        while (i < text.Length && (SipSyntax.IsTokenChar(text[i]) || text[i] is ':' or '[' or ']'))
        {
            i++;
        }

        if (i == start)
        {
            return false;
        }

        value = text[start..i].ToString();
        return true;
    }
}
