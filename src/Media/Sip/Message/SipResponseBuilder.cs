namespace Telepath.Media.Sip.Message;

/// <summary>Builds the responses a UAS sends, following RFC 3261 §8.2.6.</summary>
internal static class SipResponseBuilder
{
    /// <summary>
    /// Creates a response to <paramref name="request"/> with the headers RFC 3261 §8.2.6.2 requires: every Via
    /// in order, From, To, Call-ID and CSeq copied; a To-tag added when <paramref name="toTag"/> is given and To
    /// has none (never on 100 Trying); and, for 100 Trying, the Timestamp copied (§8.2.6.1).
    /// </summary>
    /// <param name="request">The request being answered.</param>
    /// <param name="statusCode">100-699.</param>
    /// <param name="reasonPhrase">Reason phrase, or null for the standard one.</param>
    /// <param name="toTag">The UAS's tag for the dialog, or null to leave To as received.</param>
    /// <returns>A response the caller can extend with more headers (Contact, Server, ...) and a body.</returns>
    public static SipResponse Create(SipRequest request, int statusCode, string? reasonPhrase = null, string? toTag = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = new SipResponse(statusCode, reasonPhrase);
        SipHeaders source = request.Headers;
        SipHeaders target = response.Headers;

        // RFC 3261 §8.2.6.2: the Via values must appear in the same order as in the request.
        foreach (SipHeaderField field in source)
        {
            if (field.Name == SipHeaderNames.Via)
            {
                target.AddCanonical(SipHeaderNames.Via, field.Value);
            }
        }

        CopyFirst(source, target, SipHeaderNames.From);
        string? to = source.Get(SipHeaderNames.To);
        if (to is not null)
        {
            target.AddCanonical(SipHeaderNames.To, AddTagIfMissing(to, statusCode, toTag));
        }

        CopyFirst(source, target, SipHeaderNames.CallId);
        CopyFirst(source, target, SipHeaderNames.CSeq);
        if (statusCode == SipStatusCodes.Trying)
        {
            CopyFirst(source, target, SipHeaderNames.Timestamp);
        }

        return response;
    }

    private static string AddTagIfMissing(string to, int statusCode, string? toTag)
    {
        // RFC 3261 §8.2.6.2: a 100 Trying never carries a To-tag; a To that already has one keeps it.
        if (toTag is null || statusCode == SipStatusCodes.Trying || !NameAddress.TryParse(to, out NameAddress? address)
            || address.Tag is not null)
        {
            return to;
        }

        // Appending keeps the carrier's exact text, which some peers compare byte for byte; in both the
        // name-addr and addr-spec forms a trailing ";tag=" is a header parameter (RFC 3261 §20.10).
        return string.Concat(to.AsSpan().TrimEnd(" \t"), ";tag=", toTag);
    }

    private static void CopyFirst(SipHeaders source, SipHeaders target, string name)
    {
        string? value = source.Get(name);
        if (value is not null)
        {
            target.AddCanonical(name, value);
        }
    }
}
