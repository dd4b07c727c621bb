using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Telepath.Media.Sip.Parsing;

namespace Telepath.Media.Sip.Message;

/// <summary>
/// One Via value (RFC 3261 §20.42): <c>SIP/2.0/UDP host[:port];branch=z9hG4bK...;received=...;rport=...</c>.
/// </summary>
/// <remarks>
/// All parameters stay in <see cref="Parameters"/> in wire order; the typed properties read from it, so
/// unknown parameters survive a round trip. RFC 3261 §8.1.1.7: the branch of a compliant element starts with
/// the magic cookie <c>z9hG4bK</c>.
/// </remarks>
internal sealed record ViaHeader
{
    /// <summary>The RFC 3261 §8.1.1.7 magic cookie that starts every compliant branch.</summary>
    public const string MagicCookie = "z9hG4bK";

    /// <summary>Protocol name, normally <c>SIP</c>.</summary>
    public string ProtocolName { get; init; } = "SIP";

    /// <summary>Protocol version, normally <c>2.0</c>.</summary>
    public string ProtocolVersion { get; init; } = "2.0";

    /// <summary>Upper-case transport token: <c>UDP</c>, <c>TCP</c>, <c>TLS</c>, <c>WS</c>, <c>WSS</c>, <c>SCTP</c>, ...</summary>
    public required string Transport { get; init; }

    /// <summary>sent-by host: name, IPv4, or bracketed IPv6 reference.</summary>
    public required string Host { get; init; }

    /// <summary>sent-by port, or null when absent (RFC 3261 §18.2.2: default port for the transport).</summary>
    public int? Port { get; init; }

    /// <summary>All via-params in wire order.</summary>
    public SipParameters Parameters { get; init; } = SipParameters.Empty;

    /// <summary>The branch parameter (transaction id, RFC 3261 §17.2.3), or null.</summary>
    public string? Branch => Parameters.Get("branch");

    /// <summary>The received parameter (RFC 3261 §18.2.1), or null.</summary>
    public string? Received => Parameters.Get("received");

    /// <summary>The maddr parameter, or null.</summary>
    public string? Maddr => Parameters.Get("maddr");

    /// <summary>True if <c>rport</c> is present, as a flag (request) or with a value (RFC 3581 §3, §4).</summary>
    public bool HasRport => Parameters.Contains("rport");

    /// <summary>The rport value filled in by the server (RFC 3581 §4), or null if absent, a flag, or malformed.</summary>
    public int? Rport => SipSyntax.TryParsePort(Parameters.Get("rport"), out int port) ? port : null;

    /// <summary>The ttl parameter (0-255), or null if absent or malformed.</summary>
    public int? Ttl =>
        SipSyntax.TryParseUInt32(Parameters.Get("ttl"), out uint ttl) && ttl <= 255 ? (int)ttl : null;

    /// <summary>True if the branch carries the RFC 3261 magic cookie, so it alone identifies the transaction.</summary>
    public bool HasRfc3261Branch => Branch?.StartsWith(MagicCookie, StringComparison.Ordinal) == true;

    /// <summary>Creates a Via for a request we send.</summary>
    public static ViaHeader Create(string transport, string host, int? port, string branch) =>
        new()
        {
            Transport = transport.ToUpperInvariant(),
            Host = host,
            Port = port,
            Parameters = SipParameters.Empty.With("branch", branch),
        };

    /// <summary>Parses one Via value (not a comma-separated list); false on malformed text.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ViaHeader? value) => ViaParser.TryParse(text, out value);

    /// <summary>Parses text known to be valid (tests); throws <see cref="FormatException"/> otherwise.</summary>
    public static ViaHeader Parse(string text) =>
        TryParse(text, out ViaHeader? value) ? value : throw new FormatException("Not a valid Via value.");

    /// <summary>A copy with <c>received</c> set (RFC 3261 §18.2.1).</summary>
    public ViaHeader WithReceived(string address) => WithParameter("received", address);

    /// <summary>A copy with <c>rport</c> set to the source port (RFC 3581 §4).</summary>
    public ViaHeader WithRport(int port) => WithParameter("rport", port.ToString(CultureInfo.InvariantCulture));

    /// <summary>A copy with parameter <paramref name="name"/> set (null value = flag).</summary>
    public ViaHeader WithParameter(string name, string? value) => this with { Parameters = Parameters.With(name, value) };

    /// <summary>Appends the wire form.</summary>
    public void AppendTo(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append(ProtocolName).Append('/').Append(ProtocolVersion).Append('/').Append(Transport)
            .Append(' ').Append(Host);
        if (Port is int port)
        {
            builder.Append(':').Append(port);
        }

        Parameters.AppendTo(builder);
    }

    /// <summary>The wire form, e.g. <c>SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds;rport</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(80);
        AppendTo(builder);
        return builder.ToString();
    }
}
