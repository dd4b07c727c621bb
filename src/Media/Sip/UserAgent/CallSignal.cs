using Telepath.Media.Edge;
using Telepath.Media.Sdp;

namespace Telepath.Media.Sip.UserAgent;

/// <summary>Something the dialog tells the call's owner, in order, through <see cref="IncomingCall.Signals"/>.</summary>
internal abstract record CallSignal;

/// <summary>
/// A re-INVITE or UPDATE changed the media (hold/unhold, new remote address, or a new codec), or the ACK answered the
/// offer in our 200 (delayed offer): the codec, payload types and remote address as answered replace the provisional ones.
/// </summary>
/// <param name="Audio">The negotiated audio now in force.</param>
internal sealed record MediaUpdatedSignal(NegotiatedAudio Audio) : CallSignal;

/// <summary>An INFO with <c>application/dtmf-relay</c> carried a digit.</summary>
/// <param name="Digit">0-9, *, #, A-D.</param>
/// <param name="DurationMs">Duration in milliseconds.</param>
internal sealed record DtmfSignal(char Digit, int DurationMs) : CallSignal;

/// <summary>The dialog ended; the last signal.</summary>
/// <param name="Outcome">How the call ended.</param>
/// <param name="Reason">One of <see cref="DisconnectReasons"/>.</param>
internal sealed record CallTerminatedSignal(CallOutcome Outcome, string Reason) : CallSignal;
