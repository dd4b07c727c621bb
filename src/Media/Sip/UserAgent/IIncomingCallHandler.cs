namespace Telepath.Media.Sip.UserAgent;

/// <summary>
/// The seam between SIP signalling and whatever serves the call (the call bridge). The UAS calls it once per
/// INVITE that passed authentication, admission and SDP negotiation, before any final response was sent.
/// </summary>
internal interface IIncomingCallHandler
{
    /// <summary>
    /// Serves one call for its whole life: answer it (<see cref="IncomingCall.AnswerAsync"/>) or refuse it
    /// (<see cref="IncomingCall.RejectAsync"/>), read <see cref="IncomingCall.Signals"/>, and return when the
    /// call is over. <paramref name="cancellationToken"/> is cancelled when the dialog ends (BYE, CANCEL, ACK
    /// timeout, drain). Returning while the dialog is still up hangs up with <c>agent_hangup</c>; throwing ends it
    /// with <c>agent_error</c>. The returned summary goes into the CallEnded event.
    /// </summary>
    /// <param name="call">The call.</param>
    /// <param name="cancellationToken">Cancelled when the call ends.</param>
    /// <returns>The turns and metrics for the call record.</returns>
    Task<CallSummary> HandleAsync(IncomingCall call, CancellationToken cancellationToken);
}
