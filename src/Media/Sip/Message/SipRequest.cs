using Telepath.Media.Sip.Parsing;

namespace Telepath.Media.Sip.Message;

/// <summary>A SIP request (RFC 3261 §7.1): method, Request-URI, headers and body.</summary>
internal sealed class SipRequest : SipMessage
{
    /// <summary>Creates a request to build and send; add headers through <see cref="SipMessage.Headers"/>.</summary>
    public SipRequest(SipMethod method, SipUri requestUri)
        : base(Sip20, new SipHeaders(), ReadOnlyMemory<byte>.Empty)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        Method = method;
        RequestUri = requestUri;
        RawRequestUri = requestUri.ToString();
    }

    /// <summary>Creates a parsed request; <paramref name="requestUri"/> is null when the raw text is not a valid URI.</summary>
    internal SipRequest(SipMethod method, string rawRequestUri, SipUri? requestUri, string version, SipHeaders headers, ReadOnlyMemory<byte> body)
        : base(version, headers, body)
    {
        Method = method;
        RawRequestUri = rawRequestUri;
        RequestUri = requestUri;
    }

    /// <summary>The method.</summary>
    public SipMethod Method { get; }

    /// <summary>The Request-URI, or null if the received text did not parse (the validator answers 400).</summary>
    public SipUri? RequestUri { get; private set; }

    /// <summary>The Request-URI exactly as received or as last set; this is what the writer emits.</summary>
    public string RawRequestUri { get; private set; }

    /// <summary>Replaces the Request-URI.</summary>
    public void SetRequestUri(SipUri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        RequestUri = uri;
        RawRequestUri = uri.ToString();
    }

    /// <inheritdoc />
    public override string GetStartLine() => string.Concat(Method.Name, " ", RawRequestUri, " ", Version);
}
