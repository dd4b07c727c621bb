using System.Globalization;

namespace Telepath.Media.Sip.Message;

/// <summary>A SIP response (RFC 3261 §7.2): status code, reason phrase, headers and body.</summary>
internal sealed class SipResponse : SipMessage
{
    /// <summary>Creates a response to build and send; see <see cref="SipResponseBuilder"/> for UAS responses.</summary>
    public SipResponse(int statusCode, string? reasonPhrase = null)
        : this(statusCode, reasonPhrase ?? SipStatusCodes.GetReasonPhrase(statusCode), Sip20, new SipHeaders(), ReadOnlyMemory<byte>.Empty)
    {
    }

    /// <summary>Creates a parsed response.</summary>
    internal SipResponse(int statusCode, string reasonPhrase, string version, SipHeaders headers, ReadOnlyMemory<byte> body)
        : base(version, headers, body)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 699);
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
    }

    /// <summary>Status code 100-699.</summary>
    public int StatusCode { get; }

    /// <summary>Reason phrase (may be empty).</summary>
    public string ReasonPhrase { get; set; }

    /// <summary>True for 1xx (RFC 3261 §7.2).</summary>
    public bool IsProvisional => StatusCode < 200;

    /// <summary>True for 2xx.</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <inheritdoc />
    public override string GetStartLine() =>
        string.Create(CultureInfo.InvariantCulture, $"{Version} {StatusCode} {ReasonPhrase}");
}
