using Telepath.Media.Sip.Message;

namespace Telepath.Media.Sip.Parsing;

/// <summary>
/// Decides whether a request that parsed is well-formed enough to process (RFC 3261 §8.2, §20). The split:
/// bytes that do not parse are dropped and counted by the transport; requests that parse but fail here get the
/// returned final response (400 in almost all cases), built with <see cref="SipResponseBuilder"/>.
/// </summary>
internal static class SipRequestValidator
{
    /// <summary>Default Max-Forwards assumed when the header is absent (RFC 3261 §8.1.1.6).</summary>
    public const int DefaultMaxForwards = 70;

    /// <summary>Checks <paramref name="request"/>; returns null if it may be processed, otherwise the error to answer with.</summary>
    public static SipRequestError? Validate(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        SipHeaders headers = request.Headers;

        // RFC 3261 §8.2.6 needs Via, From, To, Call-ID and CSeq to build any response at all; check them first
        // so the 400 names the most fundamental problem.
        string? error = CheckVia(request)
            ?? CheckAddress(headers, SipHeaderNames.From, request.From)
            ?? CheckAddress(headers, SipHeaderNames.To, request.To)
            ?? CheckCallId(headers)
            ?? CheckCSeq(request)
            ?? CheckMaxForwards(headers);
        if (error is not null)
        {
            return Bad(error);
        }

        // RFC 3261 §21.5.6: 505 for a SIP version we do not speak; §8.2.2.1: 416 for a Request-URI scheme we cannot handle.
        if (!string.Equals(request.Version, SipMessage.Sip20, StringComparison.OrdinalIgnoreCase))
        {
            return new SipRequestError(SipStatusCodes.VersionNotSupported, "Version Not Supported");
        }

        if (request.RequestUri is not SipUri uri)
        {
            return Bad("Malformed Request-URI");
        }

        if (!uri.IsSip && uri.Scheme != "tel")
        {
            return new SipRequestError(SipStatusCodes.UnsupportedUriScheme, "Unsupported URI Scheme");
        }

        // RFC 3261 §7.4.1: a non-empty body needs a Content-Type.
        if (!request.Body.IsEmpty && !headers.Contains(SipHeaderNames.ContentType))
        {
            return Bad("Missing Content-Type header");
        }

        return null;
    }

    private static SipRequestError Bad(string reason) => new(SipStatusCodes.BadRequest, reason);

    private static string? CheckVia(SipRequest request)
    {
        if (!request.Headers.Contains(SipHeaderNames.Via))
        {
            return "Missing Via header";
        }

        List<ViaHeader>? vias = request.GetVias();
        return vias is null || vias.Count == 0 ? "Malformed Via header" : null;
    }

    private static string? CheckAddress(SipHeaders headers, string name, NameAddress? parsed)
    {
        int count = headers.CountOf(name);
        if (count == 0)
        {
            return name == SipHeaderNames.From ? "Missing From header" : "Missing To header";
        }

        if (count > 1)
        {
            return name == SipHeaderNames.From ? "Duplicate From header" : "Duplicate To header";
        }

        if (parsed is null)
        {
            return name == SipHeaderNames.From ? "Malformed From header" : "Malformed To header";
        }

        return null;
    }

    private static string? CheckCallId(SipHeaders headers)
    {
        int count = headers.CountOf(SipHeaderNames.CallId);
        if (count == 0)
        {
            return "Missing Call-ID header";
        }

        if (count > 1)
        {
            return "Duplicate Call-ID header";
        }

        // RFC 3261 §25.1: callid = word [ "@" word ]; words contain no whitespace, and it is never empty.
        string value = headers.Get(SipHeaderNames.CallId)!;
        return value.Length == 0 || value.AsSpan().ContainsAny(' ', '\t') ? "Malformed Call-ID header" : null;
    }

    private static string? CheckCSeq(SipRequest request)
    {
        int count = request.Headers.CountOf(SipHeaderNames.CSeq);
        if (count == 0)
        {
            return "Missing CSeq header";
        }

        if (count > 1)
        {
            return "Duplicate CSeq header";
        }

        if (request.CSeq is not CSeqHeader cseq)
        {
            return "Malformed CSeq header";
        }

        // RFC 3261 §8.1.1.5, §9.1, §17.1.1.3: the CSeq method always equals the request method; ACK and CANCEL
        // reuse the INVITE's number but carry their own method.
        return cseq.Method != request.Method ? "CSeq method does not match request method" : null;
    }

    private static string? CheckMaxForwards(SipHeaders headers)
    {
        // RFC 3261 §20.22: Max-Forwards is an integer 0-255; when absent the UAS treats it as 70.
        int count = headers.CountOf(SipHeaderNames.MaxForwards);
        if (count == 0)
        {
            return null;
        }

        string value = headers.Get(SipHeaderNames.MaxForwards)!;
        return count > 1 || !SipSyntax.TryParseUInt32(value.AsSpan().Trim(" \t"), out uint hops) || hops > 255
            ? "Invalid Max-Forwards header"
            : null;
    }
}
