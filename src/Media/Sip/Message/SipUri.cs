using System.Diagnostics.CodeAnalysis;
using System.Text;
using Telepath.Media.Sip.Parsing;

namespace Telepath.Media.Sip.Message;

/// <summary>
/// A URI as used by SIP (RFC 3261 §19.1): a structured <c>sip:</c>/<c>sips:</c> URI, or any other absolute URI
/// (<c>tel:</c>, <c>urn:</c>, ...) kept opaque as <see cref="Scheme"/> + <see cref="Opaque"/>.
/// </summary>
/// <remarks>
/// <see cref="User"/> and <see cref="Password"/> hold unescaped text and are re-escaped on output, so
/// <c>sip:%61lice@h</c> and <c>sip:alice@h</c> parse to equal values (RFC 3261 §19.1.4). Parameters and the
/// headers part keep their wire text.
/// </remarks>
internal sealed record SipUri
{
    /// <summary>Lower-case scheme without the colon: <c>sip</c>, <c>sips</c>, <c>tel</c>, ...</summary>
    public required string Scheme { get; init; }

    /// <summary>Unescaped user part, or null when the URI has no userinfo.</summary>
    public string? User { get; init; }

    /// <summary>Unescaped password (deprecated by RFC 3261 §19.1.1 but legal), or null.</summary>
    public string? Password { get; init; }

    /// <summary>Host name, IPv4 address, or bracketed IPv6 reference such as <c>[2001:db8::1]</c>; empty for opaque URIs.</summary>
    public string Host { get; init; } = string.Empty;

    /// <summary>Explicit port, or null to use the transport default (RFC 3263).</summary>
    public int? Port { get; init; }

    /// <summary>URI parameters (<c>transport</c>, <c>lr</c>, <c>user</c>, <c>maddr</c>, ...), wire text.</summary>
    public SipParameters Parameters { get; init; } = SipParameters.Empty;

    /// <summary>The headers part after <c>?</c>, wire text without the <c>?</c>, or null.</summary>
    public string? Headers { get; init; }

    /// <summary>Everything after <c>scheme:</c> for a non-SIP URI; null for sip/sips.</summary>
    public string? Opaque { get; init; }

    /// <summary>True for <c>sip:</c> and <c>sips:</c> URIs, whose structure is parsed.</summary>
    public bool IsSip => Opaque is null;

    /// <summary>True for <c>sips:</c> (RFC 3261 §19.1: TLS on every hop).</summary>
    public bool IsSecure => Scheme == "sips";

    /// <summary>The <c>transport</c> URI parameter, or null.</summary>
    public string? Transport => Parameters.Get("transport");

    /// <summary>True if the <c>lr</c> parameter marks a loose router (RFC 3261 §19.1.1, §16.12).</summary>
    public bool IsLooseRouter => Parameters.Contains("lr");

    /// <summary>Creates a <c>sip:</c> URI.</summary>
    public static SipUri Sip(string? user, string host, int? port = null) =>
        new() { Scheme = "sip", User = user, Host = host, Port = port };

    /// <summary>Parses a URI; false for text that is neither a valid SIP URI nor an absolute URI.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SipUri? uri) =>
        SipUriParser.TryParse(text, out uri);

    /// <summary>Parses a URI known to be valid (configuration, tests); throws <see cref="FormatException"/> otherwise.</summary>
    public static SipUri Parse(string text) =>
        TryParse(text, out SipUri? uri) ? uri : throw new FormatException("Not a valid SIP or absolute URI.");

    /// <summary>A copy with parameter <paramref name="name"/> set (null value = flag).</summary>
    public SipUri WithParameter(string name, string? value) => this with { Parameters = Parameters.With(name, value) };

    /// <summary>Appends the wire form of the URI.</summary>
    public void AppendTo(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append(Scheme).Append(':');
        if (Opaque is not null)
        {
            builder.Append(Opaque);
            return;
        }

        if (User is not null)
        {
            AppendEscaped(builder, User, password: false);
            if (Password is not null)
            {
                builder.Append(':');
                AppendEscaped(builder, Password, password: true);
            }

            builder.Append('@');
        }

        builder.Append(Host);
        if (Port is int port)
        {
            builder.Append(':').Append(port);
        }

        Parameters.AppendTo(builder);
        if (Headers is not null)
        {
            builder.Append('?').Append(Headers);
        }
    }

    /// <summary>The wire form, e.g. <c>sip:+15551234567@carrier.example;user=phone</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(64);
        AppendTo(builder);
        return builder.ToString();
    }

    private static void AppendEscaped(StringBuilder builder, string text, bool password)
    {
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool plain = password ? SipSyntax.IsPasswordChar(c) : SipSyntax.IsUserChar(c);
            if (plain)
            {
                builder.Append(c);
                continue;
            }

            // RFC 3261 §19.1.2: anything outside the allowed set is %HH-escaped octet by octet (UTF-8).
            int length = char.IsHighSurrogate(c) && i + 1 < text.Length
                ? Encoding.UTF8.GetBytes(text.AsSpan(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(text.AsSpan(i, 1), utf8);
            for (int b = 0; b < length; b++)
            {
                builder.Append('%').Append(utf8[b].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
