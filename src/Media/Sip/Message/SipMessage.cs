using System.Globalization;
using Telepath.Media.Sip.Parsing;

namespace Telepath.Media.Sip.Message;

/// <summary>
/// What requests and responses share (RFC 3261 §7): a version, ordered header fields and a body, plus typed
/// accessors for the headers every layer needs.
/// </summary>
/// <remarks>
/// A message is mutable while it is being built or stamped by the layer that owns it (the transport adds
/// <c>received</c>/<c>rport</c>, the UAS adds its To-tag). Once handed to another layer it is treated as
/// read-only by convention. Typed accessors parse on each call and return null for missing or malformed
/// headers; use <see cref="SipRequestValidator"/> to tell the two apart.
/// </remarks>
internal abstract class SipMessage
{
    /// <summary>The only version Telepath speaks (RFC 3261 §7.1).</summary>
    public const string Sip20 = "SIP/2.0";

    private protected SipMessage(string version, SipHeaders headers, ReadOnlyMemory<byte> body)
    {
        Version = version;
        Headers = headers;
        Body = body;
    }

    /// <summary>SIP-Version as received (e.g. <c>SIP/2.0</c>); always <see cref="Sip20"/> for messages we build.</summary>
    public string Version { get; set; }

    /// <summary>Header fields in wire order.</summary>
    public SipHeaders Headers { get; }

    /// <summary>The message body; the writer derives Content-Length from its length.</summary>
    public ReadOnlyMemory<byte> Body { get; set; }

    /// <summary>The Call-ID value, or null if absent.</summary>
    public string? CallId => Headers.Get(SipHeaderNames.CallId);

    /// <summary>The From header, or null if absent or malformed.</summary>
    public NameAddress? From => NameAddress.TryParse(Headers.Get(SipHeaderNames.From), out NameAddress? value) ? value : null;

    /// <summary>The To header, or null if absent or malformed.</summary>
    public NameAddress? To => NameAddress.TryParse(Headers.Get(SipHeaderNames.To), out NameAddress? value) ? value : null;

    /// <summary>The CSeq header, or null if absent or malformed.</summary>
    public CSeqHeader? CSeq => CSeqHeader.TryParse(Headers.Get(SipHeaderNames.CSeq), out CSeqHeader value) ? value : null;

    /// <summary>The first (topmost) Via value, or null if absent or malformed.</summary>
    public ViaHeader? TopVia
    {
        get
        {
            string? first = Headers.Get(SipHeaderNames.Via);
            if (first is null)
            {
                return null;
            }

            int comma = SipSyntax.IndexOfTopLevel(first, ',');
            return ViaHeader.TryParse(comma < 0 ? first : first[..comma], out ViaHeader? via) ? via : null;
        }
    }

    /// <summary>The Max-Forwards value, or null if absent or not a number in 0-255.</summary>
    public int? MaxForwards =>
        SipSyntax.TryParseUInt32(Headers.Get(SipHeaderNames.MaxForwards).AsSpan().Trim(" \t"), out uint value) && value <= 255
            ? (int)value
            : null;

    /// <summary>The first Contact address, or null if absent, <c>*</c>, or malformed.</summary>
    public NameAddress? Contact
    {
        get
        {
            List<string> values = Headers.GetValues(SipHeaderNames.Contact);
            return values.Count > 0 && NameAddress.TryParse(values[0], out NameAddress? value) ? value : null;
        }
    }

    /// <summary>The Content-Type value (media type with parameters), or null.</summary>
    public string? ContentType => Headers.Get(SipHeaderNames.ContentType);

    /// <summary>The Content-Length header value, or null if absent or malformed. The writer ignores it and uses <see cref="Body"/>.</summary>
    public int? ContentLength =>
        SipSyntax.TryParseUInt32(Headers.Get(SipHeaderNames.ContentLength).AsSpan().Trim(" \t"), out uint value) && value <= int.MaxValue
            ? (int)value
            : null;

    /// <summary>Every Via value in order (RFC 3261 §7.3.1), or null if any of them is malformed.</summary>
    public List<ViaHeader>? GetVias()
    {
        List<string> values = Headers.GetValues(SipHeaderNames.Via);
        var vias = new List<ViaHeader>(values.Count);
        foreach (string text in values)
        {
            if (!ViaHeader.TryParse(text, out ViaHeader? via))
            {
                return null;
            }

            vias.Add(via);
        }

        return vias;
    }

    /// <summary>
    /// Replaces the topmost Via value (e.g. after adding received/rport, RFC 3261 §18.2.1, RFC 3581 §4), keeping
    /// any further values that share its header line.
    /// </summary>
    /// <returns>False if the message has no Via.</returns>
    public bool SetTopVia(ViaHeader via)
    {
        ArgumentNullException.ThrowIfNull(via);
        int index = Headers.IndexOf(SipHeaderNames.Via);
        if (index < 0)
        {
            return false;
        }

        string line = Headers[index].Value;
        int comma = SipSyntax.IndexOfTopLevel(line, ',');
        Headers.SetAt(index, comma < 0 ? via.ToString() : string.Concat(via.ToString(), line.AsSpan(comma)));
        return true;
    }

    /// <summary>Sets the body and its Content-Type in one step.</summary>
    public void SetBody(string contentType, ReadOnlyMemory<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        Headers.Set(SipHeaderNames.ContentType, contentType);
        Body = body;
    }

    /// <summary>Short description for logs: start line only, never the body.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{GetStartLine()} ({Headers.Count} headers, {Body.Length} body bytes)");

    /// <summary>The start line without CRLF.</summary>
    public abstract string GetStartLine();
}
