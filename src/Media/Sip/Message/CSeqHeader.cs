using System.Globalization;
using Telepath.Media.Sip.Parsing;

namespace Telepath.Media.Sip.Message;

/// <summary>The CSeq header (RFC 3261 §20.16): a sequence number and the request method.</summary>
/// <param name="Number">Sequence number; RFC 3261 §8.1.1.5 requires it to fit in 32 bits.</param>
/// <param name="Method">The method of the request this CSeq belongs to.</param>
internal readonly record struct CSeqHeader(uint Number, SipMethod Method)
{
    /// <summary>Parses <c>1*DIGIT LWS Method</c>; false on malformed text or a number beyond 32 bits.</summary>
    public static bool TryParse(string? text, out CSeqHeader value)
    {
        value = default;
        ReadOnlySpan<char> span = text.AsSpan().Trim(" \t");
        int space = span.IndexOfAny(' ', '\t');
        if (space <= 0
            || !SipSyntax.TryParseUInt32(span[..space], out uint number)
            || !SipMethod.TryParse(span[space..].TrimStart(" \t"), out SipMethod method))
        {
            return false;
        }

        value = new CSeqHeader(number, method);
        return true;
    }

    /// <summary>The wire form, e.g. <c>314159 INVITE</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Number} {Method.Name}");
}
