using Telepath.Media.Edge;
using Telepath.Media.Sip.UserAgent;

namespace Telepath.Interop.Tests.Sipp;

/// <summary>
/// Picks a behaviour by the called number so one server serves every scenario: <see cref="RingNumber"/> rings
/// and never answers (CANCEL), <see cref="HangUpNumber"/> answers and hangs up shortly after (server BYE), anything
/// else answers and waits for the caller's BYE.
/// </summary>
internal sealed class InteropCallHandler : IIncomingCallHandler
{
    public const string AnswerNumber = "+15550100";
    public const string RingNumber = "+15550200";
    public const string HangUpNumber = "+15550300";

    public async Task<CallSummary> HandleAsync(IncomingCall call, CancellationToken cancellationToken)
    {
        if (call.To == RingNumber)
        {
            await call.RingAsync(cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        await call.AnswerAsync(cancellationToken);
        if (call.To == HangUpNumber)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
            await call.HangUpAsync(DisconnectReasons.AgentHangup, cancellationToken);
            return CallSummary.Empty;
        }

        await foreach (CallSignal signal in call.Signals.ReadAllAsync(CancellationToken.None))
        {
            if (signal is CallTerminatedSignal)
            {
                break;
            }
        }

        return CallSummary.Empty;
    }
}
