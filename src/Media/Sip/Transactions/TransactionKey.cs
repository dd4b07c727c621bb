using System.Globalization;
using Telepath.Media.Sip.Message;

namespace Telepath.Media.Sip.Transactions;

/// <summary>
/// Identifies a transaction (RFC 3261 §17.2.3): the top Via branch and sent-by plus the method, with ACK
/// mapped to INVITE so a non-2xx ACK finds its INVITE transaction. CANCEL keeps its own method, so it is a
/// separate transaction that shares the INVITE's branch.
/// </summary>
/// <param name="Branch">The branch (or an RFC 2543 fallback built from Call-ID, CSeq and From-tag).</param>
/// <param name="SentBy">The Via sent-by <c>host:port</c>, lower case; empty for client transactions.</param>
/// <param name="Method">The method name, ACK mapped to INVITE.</param>
internal readonly record struct TransactionKey(string Branch, string SentBy, string Method)
{
    /// <summary>The key of the server transaction <paramref name="request"/> belongs to, or null without a usable Via/CSeq.</summary>
    public static TransactionKey? ForServer(SipRequest request)
    {
        ViaHeader? via = request.TopVia;
        if (via is null || request.CSeq is not CSeqHeader cseq)
        {
            return null;
        }

        string method = request.Method == SipMethod.Ack ? SipMethod.Invite.Name : request.Method.Name;
        string sentBy = string.Create(CultureInfo.InvariantCulture, $"{via.Host.ToLowerInvariant()}:{via.Port ?? 5060}");

        // RFC 3261 §17.2.3: only a magic-cookie branch identifies the transaction alone; older peers are matched
        // on the dialog and sequence identifiers instead (a simplification of the §17.2.3 RFC 2543 rules).
        string branch = via.HasRfc3261Branch
            ? via.Branch!
            : string.Create(CultureInfo.InvariantCulture, $"2543|{request.CallId}|{request.From?.Tag}|{cseq.Number}|{via.Branch}");
        return new TransactionKey(branch, sentBy, method);
    }

    /// <summary>The key of the INVITE transaction a CANCEL targets (RFC 3261 §9.2).</summary>
    public TransactionKey ForInvite() => this with { Method = SipMethod.Invite.Name };

    /// <summary>The key of a client transaction: our branch and the CSeq method (RFC 3261 §17.1.3).</summary>
    public static TransactionKey ForClient(string branch, SipMethod method) => new(branch, string.Empty, method.Name);
}
