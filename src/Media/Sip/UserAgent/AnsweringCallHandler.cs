namespace Telepath.Media.Sip.UserAgent;

/// <summary>
/// The default handler until the call bridge exists: answers at once and keeps the dialog up, with no media,
/// until the caller hangs up. It makes the SIP stack testable end to end on its own.
/// </summary>
internal sealed class AnsweringCallHandler : IIncomingCallHandler
{
    /// <inheritdoc />
    public async Task<CallSummary> HandleAsync(IncomingCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!await call.AnswerAsync(cancellationToken).ConfigureAwait(false))
        {
            return CallSummary.Empty;
        }

        await foreach (CallSignal signal in call.Signals.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (signal is CallTerminatedSignal)
            {
                break;
            }
        }

        return CallSummary.Empty;
    }
}
