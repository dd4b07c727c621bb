using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Telepath.Media.Sip.Auth;

/// <summary>
/// Parses the value of an <c>Authorization</c> / <c>Proxy-Authorization</c> header with the Digest scheme
/// (RFC 3261 §25.1 <c>digest-response</c>, RFC 7616 §3.4): parameters in any order, names case-insensitive, values
/// quoted (with backslash escapes) or bare tokens. Hostile input yields false with a reason, never an exception.
/// </summary>
public static class DigestCredentialsParser
{
    /// <summary>Longest header value we look at; real ones are 250–450 characters.</summary>
    public const int MaxLength = 4096;

    /// <summary>Most parameters we accept; RFC 7616 defines eleven.</summary>
    public const int MaxParameters = 24;

    /// <summary>Parses a Digest credentials header value.</summary>
    /// <param name="value">The header value, e.g. <c>Digest username="alice", realm="x", ...</c>.</param>
    /// <param name="credentials">The credentials on success.</param>
    /// <param name="error">A short reason on failure (never echoes the input).</param>
    public static bool TryParse(
        ReadOnlySpan<char> value,
        [NotNullWhen(true)] out DigestCredentials? credentials,
        [NotNullWhen(false)] out string? error)
    {
        credentials = null;
        if (value.Length > MaxLength)
        {
            error = "header too long";
            return false;
        }

        var reader = value.Trim();
        if (!reader.StartsWith("Digest", StringComparison.OrdinalIgnoreCase)
            || reader.Length == 6
            || reader[6] is not (' ' or '\t'))
        {
            error = "not the Digest scheme";
            return false;
        }

        var parameters = new DigestParameters();
        var position = 6;
        while (true)
        {
            position = SkipSeparators(reader, position);
            if (position >= reader.Length)
            {
                break;
            }

            if (!TryReadParameter(reader, ref position, out var name, out var parameterValue, out error))
            {
                return false;
            }

            if (++parameters.Count > MaxParameters)
            {
                error = "too many parameters";
                return false;
            }

            if (!parameters.Set(name, parameterValue))
            {
                error = "duplicate parameter";
                return false;
            }

            position = SkipWhitespace(reader, position);
            if (position < reader.Length && reader[position] != ',')
            {
                error = "expected comma";
                return false;
            }
        }

        return parameters.TryBuild(out credentials, out error);
    }

    private static bool TryReadParameter(
        ReadOnlySpan<char> text,
        ref int position,
        out string name,
        out string value,
        [NotNullWhen(false)] out string? error)
    {
        name = string.Empty;
        value = string.Empty;
        var start = position;
        while (position < text.Length && IsTokenChar(text[position]))
        {
            position++;
        }

        if (position == start)
        {
            error = "expected parameter name";
            return false;
        }

        name = text[start..position].ToString();
        position = SkipWhitespace(text, position);
        if (position >= text.Length || text[position] != '=')
        {
            error = "expected '='";
            return false;
        }

        position = SkipWhitespace(text, position + 1);
        if (position < text.Length && text[position] == '"')
        {
            return TryReadQuoted(text, ref position, out value, out error);
        }

        // Bare token; some clients also leave URIs unquoted, so accept anything up to a separator.
        start = position;
        while (position < text.Length && text[position] is not (',' or ' ' or '\t' or '"') && !char.IsControl(text[position]))
        {
            position++;
        }

        if (position == start)
        {
            error = "empty parameter value";
            return false;
        }

        value = text[start..position].ToString();
        error = null;
        return true;
    }

    /// <summary>RFC 3261 §25.1 quoted-string with quoted-pair; CR, LF and NUL are not allowed inside.</summary>
    private static bool TryReadQuoted(
        ReadOnlySpan<char> text,
        ref int position,
        out string value,
        [NotNullWhen(false)] out string? error)
    {
        value = string.Empty;
        position++;
        var builder = new StringBuilder(64);
        while (position < text.Length)
        {
            var c = text[position++];
            if (c == '"')
            {
                value = builder.ToString();
                error = null;
                return true;
            }

            if (c == '\\')
            {
                if (position >= text.Length)
                {
                    break;
                }

                c = text[position++];
            }

            if (c is '\r' or '\n' or '\0')
            {
                error = "control character in quoted string";
                return false;
            }

            builder.Append(c);
        }

        error = "unterminated quoted string";
        return false;
    }

    private static int SkipSeparators(ReadOnlySpan<char> text, int position)
    {
        // RFC 7230 §7 list rule: empty elements and surrounding whitespace are allowed.
        while (position < text.Length && text[position] is ',' or ' ' or '\t')
        {
            position++;
        }

        return position;
    }

    private static int SkipWhitespace(ReadOnlySpan<char> text, int position)
    {
        while (position < text.Length && text[position] is ' ' or '\t')
        {
            position++;
        }

        return position;
    }

    /// <summary>RFC 3261 §25.1 token characters.</summary>
    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '!' or '%' or '*' or '_' or '+' or '`' or '\'' or '~';
}
