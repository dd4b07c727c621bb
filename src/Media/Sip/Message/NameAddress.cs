using System.Diagnostics.CodeAnalysis;
using System.Text;
using Telepath.Media.Sip.Parsing;

namespace Telepath.Media.Sip.Message;

/// <summary>
/// The value of From, To, Contact, Route, Record-Route, Refer-To, P-Asserted-Identity and similar headers:
/// an optional display name, a URI, and header parameters such as <c>tag</c> (RFC 3261 §20.10, §20.20, §20.39).
/// </summary>
/// <remarks>Always written in name-addr form (<c>&lt;uri&gt;</c>), which RFC 3261 §20 says is always safe.</remarks>
internal sealed record NameAddress
{
    /// <summary>Unquoted display name, or null when absent.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The address.</summary>
    public required SipUri Uri { get; init; }

    /// <summary>Header parameters after the address (<c>tag</c>, <c>expires</c>, <c>q</c>, ...), wire text.</summary>
    public SipParameters Parameters { get; init; } = SipParameters.Empty;

    /// <summary>The <c>tag</c> parameter (RFC 3261 §19.3), or null.</summary>
    public string? Tag => Parameters.Get("tag");

    /// <summary>Parses a single name-addr or addr-spec with parameters; false on malformed text.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out NameAddress? value) =>
        NameAddressParser.TryParse(text, out value);

    /// <summary>Parses text known to be valid (configuration, tests); throws <see cref="FormatException"/> otherwise.</summary>
    public static NameAddress Parse(string text) =>
        TryParse(text, out NameAddress? value) ? value : throw new FormatException("Not a valid name-addr or addr-spec.");

    /// <summary>A copy with <c>tag</c> set, e.g. the UAS adding its To-tag (RFC 3261 §8.2.6.2).</summary>
    public NameAddress WithTag(string tag) => this with { Parameters = Parameters.With("tag", tag) };

    /// <summary>A copy with parameter <paramref name="name"/> set (null value = flag).</summary>
    public NameAddress WithParameter(string name, string? value) => this with { Parameters = Parameters.With(name, value) };

    /// <summary>Appends the wire form.</summary>
    public void AppendTo(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (DisplayName is not null)
        {
            builder.Append('"');
            foreach (char c in DisplayName)
            {
                if (c is '"' or '\\')
                {
                    builder.Append('\\');
                }

                builder.Append(c);
            }

            builder.Append("\" ");
        }

        builder.Append('<');
        Uri.AppendTo(builder);
        builder.Append('>');
        Parameters.AppendTo(builder);
    }

    /// <summary>The wire form, e.g. <c>"Alice" &lt;sip:alice@example.com&gt;;tag=1928301774</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(96);
        AppendTo(builder);
        return builder.ToString();
    }
}
