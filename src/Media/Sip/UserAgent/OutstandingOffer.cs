using Telepath.Media.Sdp;
using Telepath.Media.Sip.Transactions;

namespace Telepath.Media.Sip.UserAgent;

/// <summary>
/// Our SDP offer sent in the 2xx to an INVITE or re-INVITE that carried none; its answer comes in that 2xx's ACK
/// (RFC 3261 §13.3.1.1, §14.2; RFC 3264 §4: only one offer may be outstanding).
/// </summary>
/// <param name="Offer">The offer in the 2xx.</param>
/// <param name="Invite">The INVITE transaction the 2xx answers; its ACK carries the same CSeq number.</param>
internal sealed record OutstandingOffer(SessionDescription Offer, ServerInviteTransaction Invite);
