using Telepath.Media.Sip.Parsing;

namespace Telepath.Media.Sip.Message;

/// <summary>The RAck header of a PRACK (RFC 3262 §7.2): <c>response-num LWS CSeq-num LWS Method</c>.</summary>
/// <param name="RSeq">The RSeq of the provisional response being acknowledged.</param>
/// <param name="CSeq">The CSeq number of the request it answered.</param>
/// <param name="Method">The method of that request.</param>
internal readonly record struct RAckHeader(uint RSeq, uint CSeq, SipMethod Method)
{
    /// <summary>Parses the value; false when it is not three whitespace-separated fields with 32-bit numbers.</summary>
    public static bool TryParse(string? text, out RAckHeader value)
    {
        value = default;
        ReadOnlySpan<char> span = text.AsSpan().Trim(" \t");
        int first = span.IndexOfAny(' ', '\t');
        if (first <= 0 || !SipSyntax.TryParseUInt32(span[..first], out uint rseq))
        {
            return false;
        }

        // The rest is exactly a CSeq value.
        if (!CSeqHeader.TryParse(span[first..].ToString(), out CSeqHeader cseq))
        {
            return false;
        }

        value = new RAckHeader(rseq, cseq.Number, cseq.Method);
        return true;
    }
}
